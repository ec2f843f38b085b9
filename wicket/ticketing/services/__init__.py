"""The ticketing writes, one transaction each: setup.py (queues, windows, devices, agents), issue.py
(tickets, appointments, the counters), calling.py (the window caller), closing.py (carry-over at
closing), mirror.py (the hall-data log and the daily job)."""
