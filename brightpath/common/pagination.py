from rest_framework.pagination import PageNumberPagination as _PageNumberPagination


class PageNumberPagination(_PageNumberPagination):
    page_size = 50
    page_size_query_param = "pageSize"
    max_page_size = 200
