/*
 * ICSOE login theme: password show/hide, focus on the first field in error, and the live checklist
 * of the new-password page. The checklist reads the realm's policy parameters that the server
 * rendered into <script type="application/json" id="icsoe-password-rules"> (no rule values live
 * here); without them the list stays static. The server remains the authority on every rule.
 */
(function () {
  "use strict";

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  // Show / hide password: the button names its field, its text says what it will do.
  each("[data-icsoe-toggle]", function (button) {
    var input = document.getElementById(button.getAttribute("aria-controls"));
    var text = button.querySelector(".icsoe-toggle__text");
    if (!input || !text) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var show = input.type === "password";
      input.type = show ? "text" : "password";
      text.textContent = button.getAttribute(show ? "data-label-hide" : "data-label-show");
      input.focus();
    });
  });

  // A page that comes back with errors puts the caret in the first field in error, whose
  // aria-describedby makes screen readers read the server's message with it.
  var invalid = document.querySelector('input[aria-invalid="true"]');
  if (invalid) { invalid.focus(); }

  var rulesData = document.getElementById("icsoe-password-rules");
  var password = document.getElementById("password-new");
  if (!rulesData || !password) { return; }
  var rules;
  try { rules = JSON.parse(rulesData.textContent); } catch (e) { return; }
  if (!rules || typeof rules !== "object") { return; }

  function count(value, re) { return (value.match(re) || []).length; }

  function has(name) { return rules[name] !== undefined && rules[name] !== null; }

  // Longest run of consecutive characters where next(prev, cur) holds.
  function longestRun(chars, next) {
    var best = chars.length ? 1 : 0, run = 1, i;
    for (i = 1; i < chars.length; i++) {
      run = next(chars[i - 1], chars[i], run) ? run + 1 : 1;
      if (run > best) { best = run; }
    }
    return best;
  }

  function runOfSteps(values, limit) {
    // values: numbers or null (not part of any run); ascending or descending by one.
    var best = 0, run = 0, dir = 0, i, step;
    for (i = 0; i < values.length; i++) {
      if (values[i] === null) { run = 0; dir = 0; continue; }
      if (run > 0 && values[i - 1] !== null) {
        step = values[i] - values[i - 1];
        if ((step === 1 || step === -1) && (dir === 0 || dir === step)) {
          run += 1; dir = step;
        } else {
          run = 1; dir = 0;
          // restart from the previous character when it forms a new two-step run
          if (step === 1 || step === -1) { run = 2; dir = step; }
        }
      } else {
        run = 1; dir = 0;
      }
      if (run > best) { best = run; }
    }
    return best >= limit;
  }

  // Keyboard adjacency from the policy's own keyboard lines (each key: all characters it types).
  var keyPosition = {};
  (rules.keyboardLines || []).forEach(function (line, lineIndex) {
    line.forEach(function (key, keyIndex) {
      Array.prototype.forEach.call(String(key), function (ch) {
        keyPosition[ch] = { line: lineIndex, index: keyIndex };
      });
    });
  });

  function keyboardPattern(value, limit) {
    var chars = Array.from(value.toLowerCase());
    var best = 0, run = 0, dir = 0, i, a, b, step;
    for (i = 0; i < chars.length; i++) {
      b = keyPosition[chars[i]];
      a = i > 0 ? keyPosition[chars[i - 1]] : undefined;
      if (!b) { run = 0; dir = 0; continue; }
      step = a && a.line === b.line ? b.index - a.index : 0;
      if (run > 0 && (step === 1 || step === -1)) {
        if (dir === 0 || dir === step) { run += 1; } else { run = 2; }
        dir = step;
      } else {
        run = 1; dir = 0;
      }
      if (run > best) { best = run; }
    }
    return best >= limit;
  }

  function digitSequence(value, limit) {
    return runOfSteps(Array.from(value).map(function (ch) {
      return ch >= "0" && ch <= "9" ? ch.charCodeAt(0) : null;
    }), limit);
  }

  function repeated(value, limit) {
    return longestRun(Array.from(value), function (a, b) { return a === b; }) >= limit;
  }

  var checks = {
    mix: function (v) {
      return (!has("upperCase") || count(v, /\p{Lu}/gu) >= rules.upperCase)
        && (!has("lowerCase") || count(v, /\p{Ll}/gu) >= rules.lowerCase)
        && (!has("digits") || count(v, /[0-9]/g) >= rules.digits);
    },
    special: function (v) {
      var set = Array.isArray(rules.specialChars) ? rules.specialChars.join("") : String(rules.specialChars || "");
      return Array.from(v).some(function (ch) { return set.indexOf(ch) >= 0; });
    },
    length: function (v) {
      return v.length > 0
        && (!has("minLength") || v.length >= rules.minLength)
        && (!has("maxLength") || v.length <= rules.maxLength)
        && (!rules.noWhitespace || !/\s/.test(v))
        && (!has("keyboardRun") || !keyboardPattern(v, rules.keyboardRun))
        && (!has("sequenceRun") || !digitSequence(v, rules.sequenceRun));
    },
    repeat: function (v) {
      return v.length > 0 && (!has("repeatRun") || !repeated(v, rules.repeatRun));
    }
  };

  var status = document.getElementById("icsoe-rules-status");
  var items = Array.prototype.slice.call(document.querySelectorAll("#icsoe-rules-list [data-rule]"))
    .filter(function (li) { return checks[li.getAttribute("data-rule")]; });
  var announceTimer;

  function update() {
    var value = password.value, met = 0;
    items.forEach(function (li) {
      var ok = checks[li.getAttribute("data-rule")](value);
      if (ok) { met += 1; }
      li.classList.toggle("icsoe-rule--done", ok);
      var state = li.querySelector(".icsoe-rule__state");
      if (state && status) {
        state.textContent = " (" + status.getAttribute(ok ? "data-done" : "data-pending") + ")";
      }
    });
    if (status) {
      // Announce a short summary once typing pauses, not on every key.
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () {
        status.textContent = status.getAttribute("data-template")
          .replace("{0}", String(met)).replace("{1}", String(items.length));
      }, 900);
    }
  }

  document.getElementById("icsoe-rules").classList.add("icsoe-rules--live");
  password.addEventListener("input", update);
  if (password.value) { update(); }
})();
