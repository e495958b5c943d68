"""Credit notes: ``services`` (issue, allocate, refund) and ``pdf`` (the document)."""
