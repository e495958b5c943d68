class ContractError(Exception):
    """Base for contract errors."""
