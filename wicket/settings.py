"""Wicket settings. Everything that differs between machines comes from the environment.

WICKET_DEMO=1        the embedded demo: SQLite in the data directory, a generated secret key
DATABASE_URL         postgres://user:pass@host:5432/wicket (default: SQLite in the data directory)
SECRET_KEY           required unless WICKET_DEMO or DEBUG
DEBUG                0/1
ALLOWED_HOSTS        comma-separated
WICKET_DATA_DIR      where the SQLite database and uploads live (default ~/.local/share/wicket)
WICKET_TASKS         database (default: the worker runs background jobs) or immediate (in the request)
WICKET_BACKGROUND_KB files larger than this are imported by the worker, with a progress bar (2048)
WICKET_DAILY_AT      when the worker starts the daily jobs (reminders, escalation), HH:MM (07:00), or off
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from wicket.env import data_dir, database_from_url, envbool, envchoice, envint, envlist, envtime

BASE_DIR = Path(__file__).resolve().parent
DEMO = envbool("WICKET_DEMO")
DEBUG = envbool("DEBUG")
TESTING = envbool("WICKET_TESTING")
DATA_DIR = data_dir()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEMO or DEBUG or TESTING:
        SECRET_KEY = "insecure-demo-key-only-for-local-use-" + "x" * 20
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set (or WICKET_DEMO=1 for the local demo)")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEMO or DEBUG or TESTING) else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "django_tasks_db",
    "wicket.core",
    "wicket.orgs",
    "wicket.workcal",
    "wicket.checklist",
    "wicket.campaigns",
    "wicket.problems",
    "wicket.signoff",
    "wicket.registry",
    "wicket.supervision",
    "wicket.public",
    "wicket.guides",
    "wicket.halldata",
    "wicket.proofs",
    "wicket.ticketing",
    "wicket.home",
    "wicket.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wicket.urls"
WSGI_APPLICATION = "wicket.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wicket.home.context.wicket_context",
            ],
        },
    }
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": database_from_url(f"sqlite:///{DATA_DIR / 'wicket.sqlite3'}")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Password guessing: lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = envint("WICKET_LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Every page is in Simplified Chinese whatever the browser asks for (no LocaleMiddleware): a browser
# set to English would otherwise get Django's own messages in English among ours in Chinese.
# All text goes through gettext, so another language stays one setting away.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]  # the project's own static files and vendored libraries
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or DEMO or TESTING)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or DEMO or TESTING
if WHITENOISE_USE_FINDERS:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from the finders; keep it quiet
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
WICKET_MAX_UPLOAD_BYTES = envint("WICKET_MAX_UPLOAD_MB", "50") * 1024 * 1024

# Security headers. The pages load only their own scripts: no inline script anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SECURE_SSL_REDIRECT = envbool("WICKET_HTTPS", "0")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
if SECURE_SSL_REDIRECT:
    SECURE_HSTS_SECONDS = 31536000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# The public-report throttle counts in the cache: it must be shared by every gunicorn worker.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    }
}
# Behind nginx set 1, so each visitor is counted by its own address and not the proxy's.
WICKET_PROXY_HOPS = envint("WICKET_PROXY_HOPS", "0")
# Escalation (督办) levels: working days overdue before a reminder, a 督办单, listing in a circular.
WICKET_ESCALATION_WORKDAYS = [int(x) for x in envlist("WICKET_ESCALATION_WORKDAYS", "1,5,10")]
# 好差评: working days within which every 差评 must be answered; queue wait target in minutes.
WICKET_RATING_REPLY_WORKDAYS = envint("WICKET_RATING_REPLY_WORKDAYS", "5")
WICKET_QUEUE_TARGET_MINUTES = envint("WICKET_QUEUE_TARGET_MINUTES", "30")

# Background jobs (wicket/core/jobs): Django's Tasks framework with the database as the queue, so the
# SQLite demo needs nothing more and production uses the same PostgreSQL. `wicket worker` runs them
# (`wicket serve` starts one beside the web server); "immediate" runs each in the request (the tests).
TASKS = {
    "default": {
        "BACKEND": envchoice("WICKET_TASKS", "database", {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }),
        "QUEUES": ["default"],
    }
}
WICKET_BACKGROUND_BYTES = envint("WICKET_BACKGROUND_KB", "2048") * 1024
# A running job's worker says it is alive every few seconds (in the cache); silent this long, the job
# is shown as interrupted and may be retried.
WICKET_JOB_STALE_SECONDS = envint("WICKET_JOB_STALE_SECONDS", "60")
WICKET_DAILY_AT = envtime("WICKET_DAILY_AT", "07:00")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
