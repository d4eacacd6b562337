"""What a workspace tells people: the weekly review, who changed what, and data in and
out (the JSON export, CSV, validated import)."""
