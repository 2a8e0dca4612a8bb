import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careercenter.settings.production")
application = get_wsgi_application()

# What is loaded by now (Django, the apps, their modules) lives as long as the process.
# Frozen, it is left out of the garbage collector's full passes, which otherwise walk
# every one of those objects again every thousand requests or so; cycles made later are
# still collected.
gc.collect()
gc.freeze()
