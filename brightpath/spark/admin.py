"""Spark's admin: the content only (topics, their connections, the brain sparks).

Children's data -- profiles, conversations, messages, progress, streaks, rewards,
daily activity, cognitive metrics -- is deliberately NOT registered: staff must not
browse what children said or did. Parents see their own children's data in the
app (transcripts, dashboard, export), and deletion and retention are services'.

The shipped catalogue (spark/content) is reloaded by `make run`; a topic edited
here is kept by that reload (see services/catalogue.py). A spark edited here is
never overwritten: scheduling only fills days that have none.
"""

from django import forms
from django.contrib import admin

from .age_groups import AGE_GROUPS
from .models import AGE_GROUP_CHOICES, BrainSpark, Topic, TopicConnection
from .services.catalogue import (
    prerequisite_loops,
    spark_errors,
    topic_depths_refresh,
    topic_errors,
)


class TopicConnectionForm(forms.ModelForm):
    class Meta:
        model = TopicConnection
        fields = ["from_topic", "to_topic", "connection_type", "strength", "description"]

    def clean(self):
        data = super().clean()
        origin, target = data.get("from_topic"), data.get("to_topic")
        if (
            origin
            and target
            and origin != target
            and data.get("connection_type") == TopicConnection.PREREQUISITE
            and prerequisite_loops(from_topic=origin, to_topic=target, ignore=self.instance.pk)
        ):
            raise forms.ValidationError(
                f"{origin} -> {target} would make prerequisites go round in a circle, "
                "so neither could ever unlock."
            )
        return data


class TopicConnectionInline(admin.TabularInline):
    """The lines that start at this topic ("prerequisite": this one unlocks them)."""

    model = TopicConnection
    form = TopicConnectionForm
    fk_name = "from_topic"
    extra = 0
    fields = ["to_topic", "connection_type", "strength", "description"]
    autocomplete_fields = ["to_topic"]
    verbose_name = "line to another topic"
    verbose_name_plural = "lines to other topics"


class TopicForm(forms.ModelForm):
    age_groups = forms.MultipleChoiceField(
        choices=AGE_GROUP_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Topic
        fields = [
            "name",
            "slug",
            "description",
            "category",
            "subcategory",
            "parent_topic",
            "position_x",
            "position_y",
            "icon",
            "color",
            "age_groups",
            "min_age_group",
            "difficulty",
            "prerequisite_depth",
            "metadata",
        ]

    def clean(self):
        data = super().clean()
        groups = [g for g in AGE_GROUPS if g in (data.get("age_groups") or [])]
        data["age_groups"] = groups
        entry = {
            key: data.get(key)
            for key in (
                "slug",
                "name",
                "category",
                "subcategory",
                "min_age_group",
                "difficulty",
                "prerequisite_depth",
                "position_x",
                "position_y",
                "icon",
                "color",
                "metadata",
            )
        }
        entry["age_groups"] = groups
        for field, messages in topic_errors(entry).items():
            name = field.split(".", 1)[0]
            label = f"{field}: " if "." in field else ""
            target = name if name in self.fields else None
            if target in self.errors:
                continue  # the field's own validation already said what is wrong
            for message in messages:
                self.add_error(target, f"{label}{message}")
        parent = data.get("parent_topic")
        while parent is not None and self.instance.pk is not None:
            if parent.pk == self.instance.pk:
                self.add_error("parent_topic", "A topic cannot sit under itself.")
                break
            parent = parent.parent_topic
        return data


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    form = TopicForm
    list_display = [
        "name",
        "slug",
        "category",
        "parent_topic",
        "depth_in_tree",
        "difficulty",
        "min_age_group",
        "prerequisite_depth",
    ]
    list_filter = ["category", "difficulty", "min_age_group", "depth_in_tree"]
    list_select_related = ["parent_topic"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent_topic"]
    readonly_fields = ["depth_in_tree", "created_at", "updated_at"]
    inlines = [TopicConnectionInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description", "category", "subcategory"]}),
        (
            "Place in the constellation",
            {
                "fields": [
                    "parent_topic",
                    "depth_in_tree",
                    "position_x",
                    "position_y",
                    "icon",
                    "color",
                ]
            },
        ),
        (
            "Who and when",
            {"fields": ["age_groups", "min_age_group", "difficulty", "prerequisite_depth"]},
        ),
        (
            "Material the guide teaches from",
            {
                "fields": ["metadata"],
                "description": (
                    "summary, keywords, and for each age group the topic is open to: facts, "
                    "questions and activities; words maps a word to a child's definition."
                ),
            },
        ),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        topic_depths_refresh()  # a moved topic carries its subtree with it


@admin.register(TopicConnection)
class TopicConnectionAdmin(admin.ModelAdmin):
    form = TopicConnectionForm
    list_display = ["from_topic", "to_topic", "connection_type", "strength"]
    list_filter = ["connection_type", "strength"]
    list_select_related = ["from_topic", "to_topic"]
    search_fields = ["from_topic__name", "to_topic__name", "description"]
    autocomplete_fields = ["from_topic", "to_topic"]


class BrainSparkForm(forms.ModelForm):
    class Meta:
        model = BrainSpark
        fields = [
            "spark_date",
            "age_group",
            "spark_type",
            "question",
            "hints",
            "follow_ups",
            "topic",
            "difficulty",
            "source",
            "curator_notes",
        ]
        help_texts = {
            "hints": 'A list of 2-3 texts, given one at a time; a riddle\'s last is "Answer: ...".',
            "follow_ups": "A list of questions to go further.",
        }

    def clean(self):
        data = super().clean()
        errors = spark_errors(data.get("spark_type"), data.get("hints"), data.get("follow_ups"))
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field, message)
        return data


@admin.register(BrainSpark)
class BrainSparkAdmin(admin.ModelAdmin):
    form = BrainSparkForm
    date_hierarchy = "spark_date"
    list_display = ["spark_date", "age_group", "spark_type", "short_question", "topic", "source"]
    list_filter = ["age_group", "spark_type", "source", "difficulty"]
    list_select_related = ["topic"]
    search_fields = ["question", "curator_notes"]
    autocomplete_fields = ["topic"]
    ordering = ["-spark_date", "age_group"]
    readonly_fields = ["created_at"]

    @admin.display(description="question")
    def short_question(self, spark: BrainSpark) -> str:
        return spark.question if len(spark.question) <= 80 else spark.question[:77] + "..."
