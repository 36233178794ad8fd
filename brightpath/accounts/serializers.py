from rest_framework import serializers

from .models import User


class UserSerializer(serializers.ModelSerializer):
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    lastLogin = serializers.DateTimeField(source="last_login", read_only=True, allow_null=True)
    questionnaireCompleted = serializers.BooleanField(
        source="questionnaire_completed", read_only=True
    )
    questionnaireCompletedAt = serializers.DateTimeField(
        source="questionnaire_completed_at", read_only=True, allow_null=True
    )
    googleLinked = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "name",
            "googleLinked",
            "createdAt",
            "lastLogin",
            "questionnaireCompleted",
            "questionnaireCompletedAt",
        ]
        read_only_fields = ["id", "email"]

    def get_googleLinked(self, user: User) -> bool:
        return bool(user.google_id)


class UserUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255, required=False, allow_blank=False)


class RegisterSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(write_only=True, trim_whitespace=False, max_length=128)
    name = serializers.CharField(max_length=255)


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class AuthResultSerializer(serializers.Serializer):
    user = UserSerializer()
    tokens = TokenPairSerializer()


class GoogleAuthResultSerializer(AuthResultSerializer):
    created = serializers.BooleanField(help_text="True when this sign-in created the account.")


class LogoutSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class PasswordResetSerializer(serializers.Serializer):
    email = serializers.EmailField()


class PasswordResetConfirmSerializer(serializers.Serializer):
    uid = serializers.CharField()
    token = serializers.CharField()
    newPassword = serializers.CharField(trim_whitespace=False, max_length=128)


class GoogleSignInSerializer(serializers.Serializer):
    credential = serializers.CharField(help_text="The Google ID token (a JWT) from Google sign-in.")


class PreferencesSerializer(serializers.Serializer):
    preferences = serializers.DictField(
        child=serializers.JSONField(), help_text="Every preference of the user, by key."
    )

    def validate_preferences(self, value: dict) -> dict:
        bad = [key for key in value if not key or len(key) > 100]
        if bad:
            raise serializers.ValidationError("Keys must be 1 to 100 characters long.")
        return value


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
