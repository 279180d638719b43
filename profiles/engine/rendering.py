"""One build model for every output: collect a view, render it, cache it by its content.

An output is one `Output`: `collect(inputs)` derives, for each file (or intermediate result) it makes,
a *view* — a small, plain value holding exactly what that file shows (frozen dataclasses, tuples,
strings, numbers, Markup, frozen pydantic models); `render(view, inputs)` turns one view into the
file's bytes (or text). `run` is the one place that keys the cache: the digest of the view (the cache
salts every key with the code and the dependencies' versions, profiles/base/cache.py). So an edit re-renders
exactly the outputs whose view changed, whatever field it touched, and no list of "fields this output
ignores" is kept anywhere: a field an output does not show is simply not in its view.

Adding an output:

    IMAGES = Output(
        "images",
        collect=lambda inputs: ((slug, ImageView(...)) for slug in ...),   # key (path) -> view
        render=lambda view, inputs: draw(view),                            # view -> bytes | str
    )

then list it in `generate.OUTPUTS`, after the outputs whose results it reads. `render` may use the
build's shared resources (`inputs.resource(...)`: the map shell, the boundaries) only through facts
named in its view (say, the boundaries' digest), so that the view stays all the key needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..base.cache import Cache
from ..base.digests import Digests
from ..model.dataset import Dataset
from .context import BuildContext
from .output import Edition, Outputs

__all__ = ["Digests", "Inputs", "Output", "Run", "Sweep", "View", "run"]

View = Any  # see the module docstring: plain, frozen, and exactly what the output shows


@dataclass
class Inputs:
    """What one build renders from: the data, the build-wide context, and what earlier outputs made."""

    dataset: Dataset
    ctx: BuildContext
    boundaries: Mapping[str, dict] = field(default_factory=dict)
    cache: Cache = field(default_factory=lambda: Cache(None))
    out: Outputs | Edition = field(default_factory=Outputs)  # files made so far (path under docs/ -> bytes)
    results: dict[str, dict[str, Any]] = field(default_factory=dict)  # output name -> key -> result
    resident: bool = False  # a resident process (serve): worth keeping worker processes warm between builds
    _resources: dict[str, Any] = field(default_factory=dict)

    def resource(self, name: str, make: Callable[[], Any]) -> Any:
        """A resource shared by the renders of this build (made on first use, so a build whose views all
        hit the cache never makes it): the map shell, the converted boundaries, an image atlas, the
        fact cards that four outputs show (`embeds.cards.build_cards`)."""
        if name not in self._resources:
            self._resources[name] = make()
        return self._resources[name]


@dataclass(frozen=True)
class Output:
    name: str
    collect: Callable[[Inputs], Iterable[tuple[str, View]]]
    render: Callable[[View, Inputs], Any]
    # Renders several views at once (images: in parallel processes); results in the views' order.
    render_many: Callable[[list[View], Inputs], list[Any]] | None = None
    files: bool = True  # results are files put at their key (or a {path: data} dict); else kept in results
    # One file for every edition (the downloads, feeds, schemas, the search dictionary); else each language
    # edition renders its own under its prefix (en/…), from its own data (profiles.engine.context.BuildContext.lang).
    shared: bool = False


@dataclass
class Run:
    """What one `run` did: the keys each output re-rendered (the rest came from the cache)."""

    rendered: dict[str, list[str]] = field(default_factory=dict)

    def paths(self) -> set[str]:
        return {f"{name}:{key}" for name, keys in self.rendered.items() for key in keys}


def run(outputs: Iterable[Output], inputs: Inputs, cache: Cache, lap: Callable[[str], None] | None = None) -> Run:
    """Collect, key, render what the cache lacks, and put every file into `inputs.out`, output by output.

    An output whose `render_many` returns a function instead of a list is still rendering (images, in
    worker processes): the next outputs go on meanwhile, and its results are stored at the end."""
    sweep = Sweep(cache, lap)
    done = sweep.run(outputs, inputs)
    sweep.finish()
    return done


@dataclass
class Sweep:
    """One build's renders across its language editions: each edition's outputs run in order (`run`), while what
    is still drawing in worker processes (images) is finished only at the very end (`finish`), so the English
    edition's images are drawn while the Chinese ones still are, and both while the pages render."""

    cache: Cache
    lap: Callable[[str], None] | None = None
    pending: list = field(default_factory=list)

    def run(self, outputs: Iterable[Output], inputs: Inputs) -> Run:
        done = Run()
        cache, lap = self.cache, self.lap
        lang = inputs.ctx.lang
        for output in outputs:
            # An edition's files are cached apart (the same view renders other words in another language).
            kind = output.name if lang == "zh" or output.shared else f"{output.name}@{lang}"
            views = list(output.collect(inputs))
            results: dict[str, Any] = {}
            missing: dict[bytes, list[str]] = {}  # digest -> keys showing that view
            unique: list[View] = []
            for key, view in views:
                if cache.folder is None:
                    digest = key.encode()  # nothing is cached: every view is rendered
                else:
                    # The one place an output's key is made: its view's digest (the cache salts it with the
                    # code and the dependencies' versions, and files it under the output's name).
                    digest = cache.digests.of(view)
                    found = cache.get(kind, digest)
                    if found is not None:
                        results[key] = found
                        continue
                if digest not in missing:
                    missing[digest] = []
                    unique.append(view)  # one render per distinct view
                missing[digest].append(key)
            made: Any = []
            if unique:
                made = (
                    output.render_many(unique, inputs)
                    if output.render_many
                    else [output.render(v, inputs) for v in unique]
                )
                done.rendered[output.name] = [key for keys in missing.values() for key in keys]
            if callable(made):
                self.pending.append((output, kind, views, results, missing, made, inputs))
            else:
                _store(output, kind, views, results, missing, made, inputs, cache)
            if lap is not None:
                lap(output.name)
        return done

    def finish(self) -> None:
        """Store what was still rendering, in the order it was started."""
        pending, self.pending = self.pending, []
        for output, kind, views, results, missing, made, inputs in pending:
            _store(output, kind, views, results, missing, made(), inputs, self.cache)
            if self.lap is not None:
                self.lap(output.name)


def _store(
    output: Output, kind: str, views, results: dict, missing: dict, made: list, inputs: Inputs, cache: Cache
) -> None:
    for (digest, keys), result in zip(missing.items(), made):
        if cache.folder is not None:
            cache.put(kind, digest, result)
        for key in keys:
            results[key] = result
    ordered = {key: results[key] for key, _ in views}
    inputs.results[output.name] = ordered
    if output.files:
        for key, result in ordered.items():
            if isinstance(result, Mapping):
                for path, data in result.items():
                    inputs.out.put(path, data)
            else:
                inputs.out.put(key, result)
