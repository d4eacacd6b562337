"""The OKR rules that look beyond one record (limits, links, due dates), SMART lint, and
ambition judged from a linked KPI's history."""
