"""The sources every fact cites, each written once: `data/sources.yaml`."""

from __future__ import annotations

import re
from datetime import date

from pydantic import Field, field_validator

from .base import Id, Strict
from .enums import SourceKind


class Source(Strict):
    id: Id
    title: str = Field(min_length=1, max_length=200, description="标题（去掉乱码与广告）。 / Clean title.")
    publisher: str = Field(min_length=1, max_length=80, description="发布机构或媒体。 / Publisher.")
    author: str | None = Field(default=None, max_length=120, description="作者或记者。 / Author.")
    published: date = Field(description="发表日期 `YYYY-MM-DD`。 / Publication date.")
    url: str | None = Field(
        default=None,
        max_length=2000,
        description="原文网址（原发布者的），只接受 http(s)。 / Original URL, http(s) only.",
    )
    kind: SourceKind | None = Field(
        default=None,
        description="来源类别：`official` 政府或统计部门官方发布、`newspaper` 报纸或通讯社、`repost` 转载（正文写明"
        "原发布者，`publisher` 写原发布者，`via` 写实际读到的网址）。 / Official, newspaper or repost.",
    )
    via: str | None = Field(
        default=None,
        max_length=2000,
        description="可选：实际读到的网址（转载、镜像页），与 url 不同时填写。 / Where it was actually read.",
    )
    retrieved: date | None = Field(
        default=None, description="查阅日期 `YYYY-MM-DD`（没有存档原文的来源必填）。 / Date retrieved."
    )
    notes: str | None = Field(default=None, max_length=2000, description="备注，例如日期口径。 / Notes.")
    archive: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_.-]+$",
        max_length=120,
        description="原文存档文件名（在来源存档目录中，例如 `000_0638385fcb057a50.txt`），用于核对引文。 / Archive file.",
    )

    @property
    def link(self) -> str:
        """The address a reader can open: the original's, else where it was read ("" for neither)."""
        return self.url or self.via or ""

    @field_validator("url", "via")
    @classmethod
    def _http_only(cls, v: str | None) -> str | None:
        if v is not None and not re.match(r"^https?://[^\s/$.?#][^\s<>\"']*$", v):
            raise ValueError("url-scheme")
        return v


class Sources(Strict):
    """Every source, once: `data/sources.yaml`."""

    sources: list[Source] = Field(description="来源列表。 / The sources.")
