/* Shape and parameter calculator of the shapes page (issue 9). Plain ES, no dependencies.
   The arithmetic mirrors lstm_explained/site_calculator.py (built on lstm_explained/reference/shapes.py); the
   browser test tests/web/test_calculator.py compares the two on every generated case. Every text it
   writes comes, in the page's language, from the widget's <script id="lstm-calc-text"> (written by
   docs/_ext/calculator.py from its SCRIPT_TEXTS and TRANSLATIONS): one script for every language. */
(function () {
  "use strict";
  var root = document.getElementById("lstm-calc");
  if (!root) return;
  var MAX_SIZE = 1000000;
  var MAX_LAYERS = 100;
  var SIZES = ["batch", "timesteps", "input_dim", "units", "layers"];
  var TEXT = JSON.parse(document.getElementById("lstm-calc-text").textContent);
  /* Per kind of layer: blocks of units columns, the Keras and PyTorch classes, the states. */
  var KINDS = {
    lstm: { blocks: 4, keras: "LSTM", torch: "LSTM", states: ["h", "c"] },
    gru: { blocks: 3, keras: "GRU", torch: "GRU", states: ["h"] },
    simple_rnn: { blocks: 1, keras: "SimpleRNN", torch: "RNN", states: ["h"] },
  };
  var last = null;

  /* The page's text `key`, its {fields} filled from `values` (text, or nodes with `into`). */
  function parts(key, values) {
    if (!(key in TEXT)) throw new Error("calculator.js: no text " + key);
    return TEXT[key].split(/(\{\w+\})/).map(function (part) {
      var field = /^\{(\w+)\}$/.exec(part);
      if (!field) return part;
      if (!(field[1] in values)) throw new Error("calculator.js: no " + field[1] + " for " + key);
      return values[field[1]];
    });
  }
  function say(key, values) {
    return parts(key, values || {}).map(String).join("");
  }
  function into(parent, key, values) {
    parts(key, values).forEach(function (part) {
      parent.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
  }

  function el(name) {
    return document.getElementById("lstm-calc-" + name);
  }
  function group(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }
  function shape(dims) {
    var parts = dims.map(function (d) {
      return d === null ? "None" : String(d);
    });
    return "(" + parts.join(", ") + (parts.length === 1 ? ",)" : ")");
  }
  function make(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A size as typed: {value} or {error}, the error said in words next to the field. */
  function parseSize(name, raw) {
    var text = raw.trim();
    var optional = name === "batch" || name === "timesteps";
    var max = name === "layers" ? MAX_LAYERS : MAX_SIZE;
    var words = { name: name, text: text, expected: say(optional ? "expected.optional" : "expected") };
    if (optional && (text === "" || /^none$/i.test(text))) return { value: null };
    if (text === "") return { error: say("required", words) };
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return { error: say("not_a_number", words) };
    var n = Number(text);
    if (!Number.isInteger(n)) return { error: say("not_whole", words) };
    if (n < 0) return { error: say("negative", words) };
    if (n === 0) return { error: say("zero." + name) };
    if (n > max) return { error: say("too_large", { name: name, max: group(max) }) };
    return { value: n };
  }

  function read() {
    var c = {};
    var errors = {};
    SIZES.forEach(function (name) {
      var parsed = parseSize(name, el(name).value);
      if ("error" in parsed) errors[name] = parsed.error;
      else c[name] = parsed.value;
    });
    c.layer = el("layer").value;
    c.reset_after = el("reset_after").checked;
    c.return_sequences = el("return_sequences").checked;
    c.return_state = el("return_state").checked;
    c.bidirectional = el("bidirectional").checked;
    var merge = el("merge_mode").value;
    c.merge_mode = merge === "None" ? null : merge;
    if (c.bidirectional && c.merge_mode === null && c.layers > 1) {
      errors.merge_mode = say("merge_mode");
    }
    return { config: c, errors: errors };
  }

  function names(c) {
    var own = KINDS[c.layer].states;
    var states = [];
    ["forward", "backward"].forEach(function (direction) {
      own.forEach(function (state) {
        states.push(direction + "_" + state);
      });
    });
    if (!c.bidirectional) return c.return_state ? ["output"].concat(own) : ["output"];
    var outs = c.merge_mode === null ? ["forward_output", "backward_output"] : ["output"];
    return c.return_state ? outs.concat(states) : outs;
  }

  /* Shapes one layer returns; the lower layers of a stack return sequences and no state. */
  function layerShapes(c, top) {
    var seq = top ? c.return_sequences : true;
    var state = top ? c.return_state : false;
    var out = seq ? [c.batch, c.timesteps, c.units] : [c.batch, c.units];
    var h = [c.batch, c.units];
    var own = KINDS[c.layer].states.map(function () {
      return h;
    });
    if (!c.bidirectional) return state ? [out].concat(own) : [out];
    var outs = [out];
    if (c.merge_mode === null) outs = [out, out];
    else if (c.merge_mode === "concat") outs = [out.slice(0, -1).concat([2 * c.units])];
    return state ? outs.concat(own, own) : outs;
  }

  function layerLines(c, target, source, top) {
    var args = [String(c.units)];
    if (c.layer === "gru" && !c.reset_after) args.push("reset_after=False");
    if (c.return_sequences || !top) args.push("return_sequences=True");
    if (c.return_state && top) args.push("return_state=True");
    var layer = "keras.layers." + KINDS[c.layer].keras + "(" + args.join(", ") + ")";
    if (!c.bidirectional) return [target + " = " + layer + "(" + source + ")"];
    var merge = c.merge_mode === null ? "None" : '"' + c.merge_mode + '"';
    return [
      target + " = keras.layers.Bidirectional(",
      "    " + layer + ", merge_mode=" + merge,
      ")(" + source + ")",
    ];
  }

  function kerasCode(c) {
    var steps = c.timesteps === null ? "None" : String(c.timesteps);
    var batch = c.batch === null ? "" : ", batch_size=" + c.batch;
    var lines = ["import keras", "", "inputs = keras.Input(shape=(" + steps + ", " + c.input_dim + ")" + batch + ")"];
    var below = "inputs";
    for (var k = 0; k < c.layers - 1; k++) {
      lines = lines.concat(layerLines(c, "x", below, false));
      below = "x";
    }
    var n = names(c);
    lines = lines.concat(layerLines(c, n.join(", "), below, true));
    var returned = n.length === 1 ? n[0] : "[" + n.join(", ") + "]";
    lines.push("model = keras.Model(inputs, " + returned + ")", "model.summary()");
    return lines.join("\n") + "\n";
  }

  function pytorchCode(c) {
    if (c.bidirectional && c.layers > 1 && c.merge_mode !== "concat") return null;
    var args = ["input_size=" + c.input_dim, "hidden_size=" + c.units];
    if (c.layers > 1) args.push("num_layers=" + c.layers);
    if (c.bidirectional) args.push("bidirectional=True");
    args.push("batch_first=True");
    return "torch.nn." + KINDS[c.layer].torch + "(" + args.join(", ") + ")";
  }

  /* The package's own note (site_calculator.pytorch_note), as the build wrote it. */
  function pytorchNote(c) {
    return say("pytorch_note." + (c.layer === "gru" && !c.reset_after ? "gru_reset_before" : c.layer));
  }

  function compute(c) {
    var dirs = c.bidirectional ? 2 : 1;
    var g = KINDS[c.layer].blocks;
    var rows = c.layer === "gru" && c.reset_after ? 2 : 1;
    var u = c.units;
    var d = c.input_dim;
    var layers = [];
    var pytorch = 0;
    for (var k = 0; k < c.layers; k++) {
      var out = layerShapes(c, k === c.layers - 1)[0];
      var row = {
        input_dim: d,
        output_shape: out,
        directions: dirs,
        kernel: { shape: [d, g * u], count: dirs * g * d * u },
        recurrent_kernel: { shape: [u, g * u], count: dirs * g * u * u },
        bias: { shape: rows === 2 ? [2, g * u] : [g * u], count: dirs * rows * g * u },
      };
      row.total = row.kernel.count + row.recurrent_kernel.count + row.bias.count;
      layers.push(row);
      pytorch += dirs * g * u * (d + u + 2);
      d = out[out.length - 1];
    }
    var shapes = layerShapes(c, true);
    return {
      outputs: names(c).map(function (name, i) {
        return { name: name, shape: shapes[i] };
      }),
      layers: layers,
      total: layers.reduce(function (sum, row) {
        return sum + row.total;
      }, 0),
      pytorch_total: pytorch,
      pytorch_code: pytorchCode(c),
      pytorch_note: pytorchNote(c),
      keras_code: kerasCode(c),
    };
  }

  function tensorCell(tensor, dirs) {
    var td = make("td");
    td.appendChild(make("span", "lstm-calc-shape", (dirs === 2 ? "2 \u00d7 " : "") + shape(tensor.shape)));
    td.appendChild(make("span", "lstm-calc-count", group(tensor.count)));
    return td;
  }

  function render(c, r) {
    var list = el("outputs");
    list.textContent = "";
    r.outputs.forEach(function (o) {
      var li = make("li");
      li.appendChild(make("code", "lstm-calc-name", o.name));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(make("code", "lstm-calc-shape", shape(o.shape)));
      list.appendChild(li);
    });
    var body = el("rows");
    body.textContent = "";
    r.layers.forEach(function (row, k) {
      var tr = make("tr");
      var th = make("th", null, String(k + 1));
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(make("td", "lstm-calc-count", String(row.input_dim)));
      tr.appendChild(make("td", "lstm-calc-shape", shape(row.output_shape)));
      ["kernel", "recurrent_kernel", "bias"].forEach(function (name) {
        tr.appendChild(tensorCell(row[name], row.directions));
      });
      tr.appendChild(make("td", "lstm-calc-count lstm-calc-layer-total", group(row.total)));
      body.appendChild(tr);
    });
    el("total").textContent = group(r.total);
    var p = el("pytorch");
    p.textContent = "";
    var count = make("strong", "lstm-calc-count", group(r.pytorch_total));
    count.id = "lstm-calc-pytorch-total";
    if (r.pytorch_code) {
      var code = make("code", null, r.pytorch_code);
      code.id = "lstm-calc-pytorch-code";
      into(p, "pytorch.code", { count: count, code: code });
    } else {
      into(p, "pytorch.split", { count: count, torch: "torch.nn." + KINDS[c.layer].torch });
    }
    p.appendChild(document.createTextNode(" "));
    p.appendChild(make("span", null, r.pytorch_note)).id = "lstm-calc-pytorch-note";
    el("keras").textContent = r.keras_code;
    var said = r.outputs.map(function (o) {
      return o.name + " " + shape(o.shape);
    });
    var n = r.outputs.length;
    var counted = { total: group(r.total), layers: c.layers, layer: KINDS[c.layer].keras };
    el("status").textContent =
      say(n === 1 ? "status.one" : "status.many", { count: n, outputs: said.join(", ") }) + " " +
      say(c.layers === 1 ? "status.layer" : "status.layers", counted);
  }

  function update() {
    var got = read();
    el("merge_mode").disabled = !el("bidirectional").checked;
    el("reset_after").disabled = el("layer").value !== "gru";
    ["batch", "timesteps", "input_dim", "units", "layers", "merge_mode"].forEach(function (name) {
      var message = got.errors[name] || "";
      el(name + "-error").textContent = message;
      if (message) el(name).setAttribute("aria-invalid", "true");
      else el(name).removeAttribute("aria-invalid");
    });
    var bad = Object.keys(got.errors);
    root.classList.toggle("lstm-calc-stale", bad.length > 0);
    if (bad.length) {
      var errors = bad.map(function (name) {
        return got.errors[name];
      });
      el("status").textContent =
        say("status.stale", { errors: errors.join(" ") }) + (last ? " " + say("status.kept") : "");
      return;
    }
    last = compute(got.config);
    render(got.config, last);
  }

  function copied(message) {
    el("copied").textContent = message;
    window.setTimeout(function () {
      el("copied").textContent = "";
    }, 3000);
  }

  function fallbackCopy() {
    var range = document.createRange();
    range.selectNodeContents(el("keras"));
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    copied(say(ok ? "copied" : "selected"));
  }

  el("copy").addEventListener("click", function () {
    var text = last ? last.keras_code : "";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        copied(say("copied"));
      }, fallbackCopy);
    } else {
      fallbackCopy();
    }
  });
  var form = root.querySelector("form");
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  root.hidden = false;
  update();
})();
