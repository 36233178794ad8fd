from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "brightpath.accounts"
    label = "accounts"
