from django.db import models


class Aggregation(models.TextChoices):
    COUNT = "count", "Count of events"
    SUM = "sum", "Sum"
    MAX = "max", "Maximum"
    UNIQUE_COUNT = "unique_count", "Count of distinct values"
    LATEST = "latest", "Latest value"
    WEIGHTED_SUM = "weighted_sum", "Time-weighted sum"
