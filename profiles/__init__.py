"""广州区情 · Guangzhou District Profiles: YAML profiles → validated model → pages, maps, embeds, exports.

The build, stage by stage (each a module or package; a stage imports only the stages below it):

    load + checks        data/ → Dataset (validated models), or a Report of problems
    generate             Dataset + BuildContext (build-wide facts: site URL, edit base, embed names…)
      → rendering.run    every Output in generate.OUTPUTS: collect views, render what the cache lacks
    build                sync the files into docs/, MkDocs into site/ (atomic)

One rule for every output (profiles/engine/rendering.py): `collect(inputs)` derives a small, plain *view* per
file — exactly what that file shows — and `render(view, inputs)` turns it into bytes. The cache key is
the view's digest plus the renderer's version, taken in one place (`rendering.run`), so an edit
re-renders exactly the files whose view changed. To add an output (a page, an embed, a card, a
download): write its view dataclass, `collect` and `render` beside its templates, wrap them in an
`Output`, and list it in `generate.OUTPUTS` after the outputs whose results it reads. Build-wide facts
come from `inputs.ctx` (profiles/engine/context.py); templates come from `templating.environment(folder)`.
"""

__version__ = "0.1.0"
