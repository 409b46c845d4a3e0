"""One module per exercise set, each defining ``EXERCISE_SET`` (see ``helpers.grading.SETS``)."""
