"""广州区情 · Guangzhou District Profiles: YAML profiles → validated model → pages, maps, embeds, exports."""

__version__ = "0.1.0"
