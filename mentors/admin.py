from django.contrib import admin

from .models import CareerField


@admin.register(CareerField)
class CareerFieldAdmin(admin.ModelAdmin):
    list_display = ("name", "cluster", "slug")
    list_filter = ("cluster",)
    search_fields = ("name", "cluster")
    prepopulated_fields = {"slug": ("name",)}
