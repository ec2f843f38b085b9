def person_name(user) -> str:
    """A Chinese name reads family name first, with no space: 王 + 镇长 → 王镇长."""
    if user is None:
        return ""
    name = f"{user.last_name}{user.first_name}".strip()
    return name or user.get_username()
