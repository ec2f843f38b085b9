"""Helpers for the calendar's tests.

SPRING_2027 is a HYPOTHETICAL 2027 schedule made up for the tests (the State Council had not
published 2027's when they were written): New Year's Day on Friday 1 January; the Spring Festival
off Friday 5 to Saturday 13 February (New Year's Day of the lunar calendar is Saturday 6 February
2027), Saturday 20 February worked.
"""

from __future__ import annotations

SPRING_2027 = ("日期\t类型\t名称\n"
               "2027-01-01\t休\t元旦（假设）\n"
               "2027-02-05至2027-02-13\t休\t春节（假设）\n"
               "2027-02-20\t班\t春节调休上班（假设）\n")

