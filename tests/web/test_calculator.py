"""The shapes page's calculator in a real browser, against the package it mirrors.

The build writes ``_static/calculator-cases.json`` from :func:`calculator_cases`; every case is
typed into the widget and every output it shows (shapes, per-layer parameters, totals, PyTorch,
Keras code) is compared with the package's. Then: invalid input, keyboard-only use, the live
region, the copy button, a 390 px phone, dark mode, no JavaScript, and the Keras code it shows,
executed by Keras. Each test that opens the page runs in every language the site holds
(``<site>/fr/how-to/shapes.html`` for French, skipped when the site has no French edition); the
widget's words there are the build's (docs/_ext/calculator.py's ``TRANSLATIONS``).
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from lstm_explained.site_calculator import StackConfig, calculator_cases, calculator_result

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "docs" / "_ext"))
import calculator as calculator_ext  # docs/_ext/calculator.py
import languages  # docs/_ext/languages.py

PAGE = "how-to/shapes.html"
LANGUAGES = ("en", "fr")
#: What the widget says, in each language (written out here, not read from the extension).
WORDS = {
    "en": {
        "stale": "Not updated",
        "kept": "last valid input",
        "merge_mode": "stacked recurrent layer reads one",
        "two_layers": "{total} parameters in 2 LSTM layers",
        "one_gru": "1 GRU layer",
        "copied": "Copied.",
        "noscript": "The calculator needs JavaScript.",
        "shown": ["Returned tensors, in Keras's order", "stacked layers", "Copy code", "Returns"],
    },
    "fr": {
        "stale": "Non mis à jour\u00a0:",
        "kept": "dernière saisie valide",
        "merge_mode": "couche récurrente empilée n'en lit qu'un",
        "two_layers": "{total} paramètres dans 2 couches LSTM",
        "one_gru": "1 couche GRU",
        "copied": "Copié.",
        "noscript": "Le calculateur a besoin de JavaScript.",
        "shown": [
            "Tenseurs renvoyés, dans l'ordre de Keras",
            "couches empilées",
            "Copier le code",
            "Renvoie",
            "PyTorch garde deux vecteurs de biais",
        ],
    },
}
SIZES = ("batch", "timesteps", "input_dim", "units", "layers")
FLAGS = ("return_sequences", "return_state", "bidirectional")
#: The form's controls in tab order (reset_after only for a GRU, merge_mode only bidirectional).
CONTROLS = [*SIZES[:3], "layer", "reset_after", *SIZES[3:], *FLAGS, "merge_mode"]
MIN_CONTRAST = 4.5  # WCAG 2 AA for body text
PHONE = {"width": 390, "height": 844}

READ_WIDGET = """() => {
  const text = (s) => { const n = document.querySelector(s); return n ? n.textContent : null; };
  const cell = (c) => (c.children.length
    ? [...c.children].map((s) => s.textContent) : c.textContent);
  return {
    outputs: [...document.querySelectorAll("#lstm-calc-outputs li")].map((li) => [
      li.querySelector(".lstm-calc-name").textContent,
      li.querySelector(".lstm-calc-shape").textContent]),
    layers: [...document.querySelectorAll("table.lstm-calc-params tbody tr")].map(
      (tr) => [...tr.children].map(cell)),
    total: text("#lstm-calc-total"),
    pytorch_total: text("#lstm-calc-pytorch-total"),
    pytorch_code: text("#lstm-calc-pytorch-code"),
    pytorch_note: text("#lstm-calc-pytorch-note"),
    keras_code: text("#lstm-calc-keras"),
  };
}"""

CONTRAST = """(selector) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const node = document.querySelector(selector);
  let back = node;
  while (back && getComputedStyle(back).backgroundColor.match(/rgba\\(.*, 0\\)$|transparent/))
    back = back.parentElement;
  const a = lum(getComputedStyle(node).color), b = lum(getComputedStyle(back || document.body)
    .backgroundColor);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""

OUTSIDE = """(width) => [...document.querySelectorAll("#lstm-calc *")]
  .filter((node) => !node.closest(".lstm-calc-scroll, pre"))
  .filter((node) => node.getBoundingClientRect().right > width)
  .map((node) => node.outerHTML.slice(0, 80))"""


def shape(dims: list[int | None]) -> str:
    return str(tuple(dims))


def expected_view(expected: dict[str, Any], language: str = "en") -> dict[str, Any]:
    """What the widget must show for a case, in the widget's words (Python formatting).

    The PyTorch note is the package's, in `language` (the extension translates it for the page).
    """
    layers = []
    for k, row in enumerate(expected["layers"], start=1):
        prefix = "2 × " if row["directions"] == 2 else ""
        tensors = [
            [prefix + shape(row[name]["shape"]), f"{row[name]['count']:,}"]
            for name in ("kernel", "recurrent_kernel", "bias")
        ]
        layers.append(
            [
                str(k),
                str(row["input_dim"]),
                shape(row["output_shape"]),
                *tensors,
                f"{row['total']:,}",
            ]
        )
    return {
        "outputs": [[out["name"], shape(out["shape"])] for out in expected["outputs"]],
        "layers": layers,
        "total": f"{expected['total']:,}",
        "pytorch_total": f"{expected['pytorch_total']:,}",
        "pytorch_code": expected["pytorch_code"],
        "pytorch_note": languages.translate(
            language, expected["pytorch_note"], calculator_ext.TRANSLATIONS
        ),
        "keras_code": expected["keras_code"],
    }


def fill(page: Any, values: dict[str, Any], spell_none: str = "None") -> None:
    """Type a case into the widget as a user would (input events, clicks, selects)."""
    page.select_option("#lstm-calc-layer", values.get("layer", "lstm"))
    if values.get("layer") == "gru":  # the box is disabled for the other layers
        page.set_checked("#lstm-calc-reset_after", values["reset_after"])
    for name in SIZES:
        value = values[name]
        page.fill(f"#lstm-calc-{name}", spell_none if value is None else str(value))
    for name in FLAGS:
        page.set_checked(f"#lstm-calc-{name}", values[name])
    if values["bidirectional"]:
        mode = values["merge_mode"]
        page.select_option("#lstm-calc-merge_mode", "None" if mode is None else mode)


@pytest.fixture(scope="module")
def cases(site_dir: Path) -> list[dict[str, Any]]:
    return json.loads((site_dir / "_static" / "calculator-cases.json").read_text())


@pytest.fixture(params=LANGUAGES)
def language(request: Any, site_dir: Path) -> str:
    """Each language of the site whose edition holds the shapes page."""
    if not (site_dir / languages.folder(request.param) / PAGE).is_file():
        pytest.skip(f"the site holds no {request.param!r} edition of {PAGE}")
    return request.param


@pytest.fixture
def words(language: str) -> dict[str, Any]:
    return WORDS[language]


@pytest.fixture
def page_url(site_url: str, language: str) -> str:
    return site_url + languages.folder(language) + PAGE


@pytest.fixture
def page(browser: Any, page_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_url)
    page.wait_for_selector("#lstm-calc:not([hidden])")
    yield page
    context.close()
    assert not errors, errors


def test_the_cases_are_the_package_s_and_cover_every_option(cases: list[dict]) -> None:
    assert cases == json.loads(json.dumps(calculator_cases()))
    inputs = [case["input"] for case in cases]
    assert {(i["return_sequences"], i["return_state"]) for i in inputs} == {
        (False, False), (False, True), (True, False), (True, True)
    }  # fmt: skip
    assert {i["merge_mode"] for i in inputs if i["bidirectional"]} == {
        "concat", "sum", "mul", "ave", None
    }  # fmt: skip
    assert {i["layers"] for i in inputs} >= {1, 2, 3}
    assert {(i["layer"], i["reset_after"]) for i in inputs} == {
        ("lstm", True), ("gru", True), ("gru", False), ("simple_rnn", True)
    }  # fmt: skip
    assert {i["batch"] for i in inputs} >= {None, 1}
    assert {i["timesteps"] for i in inputs} >= {None}


def test_the_widget_agrees_with_the_package_on_every_case(
    page: Any, cases: list[dict], language: str
) -> None:
    disagreements = []
    for index, case in enumerate(cases):
        fill(page, case["input"], spell_none="None" if index % 2 else "")
        shown = page.evaluate(READ_WIDGET)
        want = expected_view(case["expected"], language)
        wrong = {key: (shown[key], want[key]) for key in want if shown[key] != want[key]}
        if wrong:
            disagreements.append((case["input"], wrong))
        assert page.locator(".lstm-calc-stale").count() == 0, case["input"]
    assert not disagreements, f"{len(disagreements)} of {len(cases)}: {disagreements[:3]}"


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("units", "0", {"en": "at least 1", "fr": "au moins 1"}),
        ("units", "-3", {"en": "cannot be negative", "fr": "ne peut pas être négatif"}),
        ("units", "abc", {"en": "is not a number", "fr": "\u00bb n'est pas un nombre"}),
        ("input_dim", "2.5", {"en": "whole number", "fr": "nombre entier"}),
        ("input_dim", "", {"en": "required", "fr": "obligatoire"}),
        ("batch", "0", {"en": "at least 1, or None", "fr": "au moins 1, ou None"}),
        ("timesteps", "ten", {"en": "is not a number", "fr": "n'est pas un nombre"}),
        ("layers", "0", {"en": "at least 1", "fr": "au moins 1"}),
        ("units", "99999999", {"en": "at most", "fr": "au plus 1,000,000"}),
    ],
)
def test_invalid_input_is_explained_next_to_the_field_and_keeps_the_last_result(
    page: Any, words: dict[str, Any], language: str, field: str, typed: str, message: dict
) -> None:
    before = page.evaluate(READ_WIDGET)
    page.fill(f"#lstm-calc-{field}", typed)
    error = page.locator(f"#lstm-calc-{field}-error")
    assert message[language] in error.inner_text()
    control = page.locator(f"#lstm-calc-{field}")
    assert control.get_attribute("aria-invalid") == "true"
    assert f"lstm-calc-{field}-error" in control.get_attribute("aria-describedby").split()
    assert page.evaluate(READ_WIDGET) == before  # the last valid result stays
    status = page.locator("#lstm-calc-status").inner_text()
    assert status.startswith(words["stale"])
    assert words["kept"] in status
    page.fill(f"#lstm-calc-{field}", "7")
    assert error.inner_text() == ""
    assert control.get_attribute("aria-invalid") is None
    assert page.evaluate(READ_WIDGET) != before
    assert page.locator(".lstm-calc-stale").count() == 0


def test_a_stack_cannot_use_merge_mode_none(page: Any, words: dict[str, Any]) -> None:
    fill(page, asdict(StackConfig(None, 5, 3, 4, bidirectional=True, layers=2)))
    before = page.evaluate(READ_WIDGET)
    page.select_option("#lstm-calc-merge_mode", "None")
    assert words["merge_mode"] in page.locator("#lstm-calc-merge_mode-error").inner_text()
    assert page.evaluate(READ_WIDGET) == before
    page.fill("#lstm-calc-layers", "1")
    assert page.locator("#lstm-calc-merge_mode-error").inner_text() == ""
    outputs = page.evaluate(READ_WIDGET)["outputs"]
    assert [name for name, _ in outputs] == ["forward_output", "backward_output"]


def test_every_control_is_labelled_and_reached_with_the_keyboard(page: Any) -> None:
    for name in CONTROLS:
        label = page.locator(f"label[for='lstm-calc-{name}']").inner_text().strip()
        assert page.get_by_label(label, exact=True).get_attribute("id") == f"lstm-calc-{name}"
    page.check("#lstm-calc-bidirectional")  # merge_mode is disabled (skipped) otherwise
    page.select_option("#lstm-calc-layer", "gru")  # and reset_after unless the layer is a GRU
    page.focus("#lstm-calc-batch")
    order = []
    # the scrollable table and code are focusable, so that arrow keys scroll them
    after = ["lstm-calc-table", "lstm-calc-code", "lstm-calc-copy"]
    for _ in range(len(CONTROLS) + len(after)):
        order.append(page.evaluate("document.activeElement.id"))
        page.keyboard.press("Tab")
    assert order == [f"lstm-calc-{name}" for name in CONTROLS] + after


def test_keyboard_only_use_updates_the_results_and_the_live_region(
    page: Any, words: dict[str, Any], language: str
) -> None:
    status = page.locator("#lstm-calc-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    page.focus("#lstm-calc-units")
    page.keyboard.press("Control+A")
    page.keyboard.type("128")
    page.keyboard.press("Tab")  # layers
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Tab")  # return_sequences
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # return_state
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # bidirectional
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # merge_mode: concat -> sum
    page.keyboard.press("ArrowDown")
    values = {"batch": None, "timesteps": 10, "input_dim": 8, "units": 128, "layers": 2}
    flags = {"return_sequences": True, "return_state": True, "bidirectional": True}
    want = calculator_result(StackConfig(**values, **flags, merge_mode="sum"))
    assert page.evaluate(READ_WIDGET) == expected_view(want, language)
    said = status.inner_text()
    assert "(None, 10, 128)" in said
    assert words["two_layers"].format(total=f"{want['total']:,}") in said


def test_reset_after_applies_to_the_gru_only(page: Any, words: dict[str, Any]) -> None:
    box = page.locator("#lstm-calc-reset_after")
    assert box.is_disabled()  # not for an LSTM
    assert box.is_checked()  # Keras's default
    page.select_option("#lstm-calc-layer", "gru")
    assert box.is_enabled()
    with_two_rows = page.evaluate(READ_WIDGET)
    page.uncheck("#lstm-calc-reset_after")
    one_row = page.evaluate(READ_WIDGET)
    units, input_dim = 32, 8  # the form's defaults
    assert with_two_rows["layers"][0][5] == ["(2, 96)", "192"]
    assert one_row["layers"][0][5] == ["(96,)", "96"]
    gru = 3 * units * (input_dim + units + 1)
    assert one_row["total"] == f"{gru:,}"
    assert "reset_after=False" in one_row["keras_code"]
    assert words["one_gru"] in page.locator("#lstm-calc-status").inner_text()
    page.select_option("#lstm-calc-layer", "simple_rnn")
    assert box.is_disabled()
    assert page.evaluate(READ_WIDGET)["total"] == f"{units * (input_dim + units + 1):,}"


def test_copy_button_copies_the_keras_code(
    browser: Any, page_url: str, words: dict[str, Any]
) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(page_url)
    page.fill("#lstm-calc-units", "16")
    page.focus("#lstm-calc-copy")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('lstm-calc-copied').textContent !== ''")
    assert page.locator("#lstm-calc-copied").inner_text() == words["copied"]
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#lstm-calc-keras").text_content()
    assert "keras.layers.LSTM(16)" in copied
    context.close()


def test_no_horizontal_scroll_on_a_phone(browser: Any, page_url: str) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(page_url)
    values = {"batch": 1000000, "timesteps": 1000000, "input_dim": 999999, "units": 1000000}
    fill(page, {**values, "layers": 3, "return_sequences": True, "return_state": True,
                "bidirectional": True, "merge_mode": "concat"})  # fmt: skip
    page.fill("#lstm-calc-units", "abcdefghijklmnopqrstuvwxyz0123456789")  # a long error
    page.locator("#lstm-calc").screenshot(path="/tmp/lstm-calc-phone.png")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    beyond = page.evaluate(OUTSIDE, PHONE["width"])
    assert not beyond, beyond  # only the table and the code scroll, inside their own boxes
    box = page.locator("#lstm-calc-units-error").bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= PHONE["width"]
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_readable_in_light_and_dark_mode(browser: Any, page_url: str, scheme: str) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(page_url)
    page.fill("#lstm-calc-units", "0")  # show an error message too
    page.locator("#lstm-calc").screenshot(path=f"/tmp/lstm-calc-{scheme}.png")
    for selector in ("#lstm-calc-units-error", "#lstm-calc-status", "#lstm-calc-keras",
                     "#lstm-calc-copy", "#lstm-calc-units", ".lstm-calc-hint"):  # fmt: skip
        ratio = page.evaluate(CONTRAST, selector)
        assert ratio >= MIN_CONTRAST, (scheme, selector, ratio)
    results = axe.Axe().run(page, context="#lstm-calc")
    assert results.violations_count == 0, results.generate_report()
    context.close()


def test_without_javascript_the_static_table_shows(
    browser: Any, page_url: str, words: dict[str, Any]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(page_url)
    assert not page.locator("#lstm-calc").is_visible()
    assert page.locator(".lstm-calc-noscript").is_visible()
    assert words["noscript"] in page.locator(".lstm-calc-noscript").inner_text()
    table = page.locator("table", has_text="return_sequences").first
    assert table.is_visible()
    assert "(2, 5, 4)" in table.inner_text()
    context.close()


def test_the_widget_s_assets_load_only_on_the_shapes_page(site_dir: Path, language: str) -> None:
    edition = site_dir / languages.folder(language)
    others = {languages.folder(code).strip("/") for code in LANGUAGES if code != language}
    holders = {
        path.relative_to(edition).as_posix()
        for path in edition.rglob("*.html")
        if path.relative_to(edition).parts[0] not in others and "calculator.js" in path.read_text()
    }
    assert holders == {PAGE}
    assert (edition / "_static" / "calculator.js").stat().st_size < 15_000


def test_the_widget_speaks_the_page_s_language(
    page: Any, language: str, words: dict[str, Any]
) -> None:
    assert page.evaluate("document.documentElement.lang").startswith(language)
    texts = json.loads(page.locator("#lstm-calc-text").text_content())
    assert texts == calculator_ext.script_texts(language)  # the one script, given its words
    page.fill("#lstm-calc-units", "0")  # an error message too
    page.fill("#lstm-calc-units", "16")
    shown = page.locator("#lstm-calc").inner_text()
    for text in words["shown"]:
        assert text in shown, text
    for other in LANGUAGES:
        if other != language:
            for text in WORDS[other]["shown"]:
                assert text not in shown, (other, text)


@pytest.mark.keras
@pytest.mark.parametrize("language", ["en"], indirect=True)  # the same code in every language
@pytest.mark.parametrize("index", [0, 17, 33, -1])
def test_the_keras_code_shown_builds_the_model_shown(
    page: Any, cases: list[dict], index: int
) -> None:
    import keras

    fill(page, cases[index]["input"])
    shown = page.evaluate(READ_WIDGET)
    namespace: dict[str, Any] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(shown["keras_code"], namespace)
    model = namespace["model"]
    assert isinstance(model, keras.Model)
    assert [[name, shape(list(t.shape))] for name, t in zip(
        [name for name, _ in shown["outputs"]], model.outputs, strict=True
    )] == shown["outputs"]  # fmt: skip
    assert f"{model.count_params():,}" == shown["total"]
    per_layer = [f"{layer.count_params():,}" for layer in model.layers[1:]]
    assert per_layer == [row[-1] for row in shown["layers"]]


def test_ids_are_unique_and_the_results_are_visible(page: Any) -> None:
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map((node) => node.id)")
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for selector in (
        "#lstm-calc-outputs li",
        "table.lstm-calc-params tbody tr",
        "#lstm-calc-keras",
    ):
        assert page.locator(selector).first.is_visible(), selector
