"""Data protection: what the app holds about a person, who may reach it, and how it is erased.

Mentees are often asylum seekers: what the app holds about a person can hurt them if it leaks.
Each module names what it guards:

- ``scope``: the app's DocTypes, the people, and every record that concerns a person;
- ``read_paths``: Frappe's read paths that its role permissions do not close (counts, link
  titles, queries on fields above the user's level);
- ``sharing``: sharing and assignment never open a record to the wrong person; files are private;
- ``export``: a person's data, whole, as JSON or a readable PDF;
- ``erasure``: a person erased from the app's records, with ``programme_records`` (check-ins,
  surveys, follow-ups, training, events, reminders) and ``side_tables`` (Frappe's own tables);
- ``retention``: people anonymised some months after their last duo ended (a daily job).
"""
