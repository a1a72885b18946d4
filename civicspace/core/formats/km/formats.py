# Khmer formats: Django's own km formats, plus digit grouping it lacks.
DATE_FORMAT = "j ខែ F ឆ្នាំ Y"
DATETIME_FORMAT = "j ខែ F ឆ្នាំ Y, G:i"
SHORT_DATE_FORMAT = "j/m/Y"
SHORT_DATETIME_FORMAT = "j/m/Y G:i"
TIME_FORMAT = "G:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
