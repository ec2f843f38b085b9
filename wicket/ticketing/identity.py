"""Who holds a ticket, without keeping who they are: an ID number or a mobile number becomes a
pseudonymous id, an HMAC-SHA256 under a key derived from SECRET_KEY (Django's `salted_hmac` with this
module's salt). The same person gets the same id (the per-person limits and the repeat-visit check
need that); the number itself is never stored, logged or shown, and without the secret key the id
cannot be turned back into it, not even by trying every phone number.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

SALT = "wicket.ticketing.holder"
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
PHONE = re.compile(r"^1[3-9]\d{9}$")
ID_NUMBER = re.compile(r"^\d{17}[\dX]$")


def normalize(raw: str) -> str:
    """An ID number (GB 11643, checksum verified) or an 11-digit mobile number, else ValidationError."""
    value = re.sub(r"[\s-]", "", raw or "").upper()
    value = value.translate(str.maketrans("０１２３４５６７８９ｘＸ", "0123456789XX"))
    if PHONE.match(value):
        return value
    if ID_NUMBER.match(value):
        total = sum(int(d) * w for d, w in zip(value[:17], ID_WEIGHTS, strict=True))
        if ID_CHECK[total % 11] != value[17]:
            raise ValidationError(_("身份证号码校验位不对，请核对后重新输入"), code="id_checksum")
        return value
    raise ValidationError(_("请输入 18 位身份证号码或 11 位手机号码"), code="id_format")


def holder_id(raw: str) -> str:
    """The pseudonymous id of a person's ID or phone number ("" for none)."""
    if not (raw or "").strip():
        return ""
    return "H" + salted_hmac(SALT, normalize(raw), algorithm="sha256").hexdigest()[:31]
