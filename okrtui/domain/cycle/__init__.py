"""The OKR cycle: grading a period, carrying unfinished objectives over, moving between
key results and KPIs, and department templates."""
