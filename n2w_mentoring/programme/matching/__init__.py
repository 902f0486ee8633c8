"""Matching mentees with mentors: scores with reasons, suggestions, and the best cohort assignment.

Plain Python and numpy, no Frappe: :mod:`.scoring` scores pairs and explains them, :mod:`.assignment`
finds the best set of duos for a cohort, :mod:`.geography` estimates distances between Belgian
places and :mod:`.text` reads professions, words and availability from the profiles' free text.
"""
