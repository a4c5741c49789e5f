/*
 * ICSOE login theme: password show/hide, the first field in error focused and in sight, Spanish
 * names of chosen files, and the live checklist
 * of the new-password page. The checklist reads the realm's policy parameters that the server
 * rendered into <script type="application/json" id="icsoe-password-rules"> (no rule values live
 * here); without them the list stays static. The server remains the authority on every rule.
 */
(function () {
  "use strict";

  // After a POST the address holds the one-time session_code; a reload would then show "La página
  // expiró". Keycloak's own fix is an inline script, which the realm's Content-Security-Policy
  // forbids (template.ftl explains); this does the same from here.
  if (window.history && typeof window.history.replaceState === "function" && window.URL) {
    var here = new URL(window.location.href);
    if (here.searchParams.has("session_code")) {
      here.searchParams.delete("session_code");
      window.history.replaceState(null, "", here.toString());
    }
  }

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
    });
  });

  // Back or reload after "Contraseña actualizada" reaches a page whose step is over (Keycloak's
  // cookie or expired-action message). This tab remembers the finished change and where Aceptar
  // leads, for 30 minutes, and such a page (error.ftl) then shows "Tu contraseña ya fue actualizada";
  // Back after Aceptar meets the login page's "Tardaste demasiado", which then says so instead.
  var AFTER_UPDATE = "icsoePasswordUpdated";
  try {
    var accept = document.getElementById("kc-accept");
    if (document.getElementById("icsoe-password-updated") && accept && /^https?:\/\//.test(accept.href)) {
      window.sessionStorage.setItem(AFTER_UPDATE, JSON.stringify({ at: Date.now(), next: accept.href }));
    } else if (document.getElementById("password-new")) {
      window.sessionStorage.removeItem(AFTER_UPDATE);
    }
    var over = document.querySelector("[data-icsoe-after-update]");
    var notice = document.querySelector("[data-icsoe-after-update-text]");
    var done = (over || notice) && JSON.parse(window.sessionStorage.getItem(AFTER_UPDATE) || "null");
    var fresh = done && Date.now() - done.at < 30 * 60 * 1000;
    if (fresh && notice) {
      // Back after Aceptar: Keycloak restarted the sign-in and says "Tardaste demasiado"
      notice.querySelector("p").textContent = notice.getAttribute("data-icsoe-after-update-text");
      notice.className = "icsoe-alert icsoe-alert--success";
      notice.setAttribute("role", "status");
    }
    if (fresh && over) {
      var title = document.getElementById("kc-page-title");
      var generic = document.getElementById("kc-error-message");
      var login = document.getElementById("icsoe-after-update-login");
      if (title) { title.textContent = over.getAttribute("data-title"); }
      document.title = document.title.replace(/^[^·]*·/, over.getAttribute("data-title") + " ·");
      if (generic) { generic.hidden = true; }
      if (login && /^https?:\/\//.test(done.next)) { login.href = done.next; }
      over.hidden = false;
    }
  } catch (e) {
    // no sessionStorage (private mode, blocked): Keycloak's own message stays
  }

  // The Spanish file pickers (icsoe-macros.ftl fileField): the chosen file's name beside the button.
  each("[data-icsoe-file-name]", function (name) {
    var input = document.getElementById(name.getAttribute("data-icsoe-file-name"));
    if (!input) { return; }
    input.addEventListener("change", function () {
      name.textContent = input.files && input.files.length ? input.files[0].name : name.getAttribute("data-none");
    });
  });

  // A page that comes back with errors puts the caret in the first field in error, whose
  // aria-describedby makes screen readers read the server's message with it, and scrolls so that
  // the whole field, its message under it included, is in sight (a phone's keyboard or a long
  // checklist would otherwise leave the message below the fold).
  var invalid = document.querySelector('input[aria-invalid="true"]');
  if (invalid) {
    invalid.focus({ preventScroll: true });
    var field = invalid.closest(".icsoe-field") || invalid;
    field.scrollIntoView({ block: "center", inline: "nearest" });
  }

  // A server message under a field is stale once the field is edited into shape: the caller says
  // when (the checklist all green); the message, its aria-describedby entry and aria-invalid go.
  function clearServerError(input) {
    var error = document.getElementById(input.id + "-error");
    if (!error) { return; }
    error.parentNode.classList.remove("icsoe-field--error");
    error.parentNode.removeChild(error);
    input.setAttribute("aria-invalid", "false");
    var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== error.id;
    });
    if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); } else { input.removeAttribute("aria-describedby"); }
  }

  var rulesData = document.getElementById("icsoe-password-rules");
  var password = document.getElementById("password-new");
  if (!rulesData || !password) { return; }
  var rules;
  try { rules = JSON.parse(rulesData.textContent); } catch (e) { return; }
  if (!rules || typeof rules !== "object") { return; }

  // Like Keycloak's upperCase, lowerCase and digits: one UTF-16 unit at a time, with Java's notion
  // of upper case (Uppercase), lower case (Lowercase) and digit (Nd).
  function count(value, re) {
    var n = 0, i;
    for (i = 0; i < value.length; i++) { if (re.test(value.charAt(i))) { n += 1; } }
    return n;
  }

  function has(name) { return rules[name] !== undefined && rules[name] !== null; }

  // The checks below mirror mx.gob.imss.icsoe.keycloak.policy.IcsoeRule (same folding, same run
  // definitions); only the parameters come from the page.
  function codePoints(value) { return Array.from(value); }

  function isBlank(ch) {
    return /[\s\u0085\u180e\u200b\u2060\ufeff]/u.test(ch);
  }

  function repeated(chars, limit) {
    var run = 0, previous = null, i, folded;
    for (i = 0; i < chars.length; i++) {
      folded = chars[i].toLowerCase();
      run = folded === previous ? run + 1 : 1;
      previous = folded;
      if (run >= limit) { return true; }
    }
    return false;
  }

  // Letters a..z with ñ between n and o, digits 0..9: neighbours differ by 1 or 2.
  function sequenceRank(folded) {
    if (folded >= "a" && folded <= "z" && folded.length === 1) { return 2 * (folded.charCodeAt(0) - 97); }
    if (folded === "\u00f1") { return 2 * 13 + 1; }
    if (/^\p{Nd}$/u.test(folded)) {
      var value = parseInt(folded.normalize("NFKC"), 10);
      return isNaN(value) ? -1 : 100 + 2 * value;
    }
    return -1;
  }

  function sequence(chars, limit) {
    var up = 0, down = 0, previous = -1, i, rank, step;
    for (i = 0; i < chars.length; i++) {
      rank = sequenceRank(chars[i].toLowerCase());
      if (rank >= 0 && previous >= 0) {
        step = rank - previous;
        up = step === 1 || step === 2 ? up + 1 : 1;
        down = step === -1 || step === -2 ? down + 1 : 1;
      } else {
        up = rank >= 0 ? 1 : 0;
        down = up;
      }
      previous = rank;
      if (up >= limit || down >= limit) { return true; }
    }
    return false;
  }

  // Keyboard lines from the policy: every character maps to (line, position) entries.
  var lines = rules.keyboardLines || [];
  var keyEntries = {};
  lines.forEach(function (line, l) {
    line.forEach(function (key, k) {
      codePoints(String(key)).filter(function (ch, i, all) { return all.indexOf(ch) === i; })
        .forEach(function (ch) { (keyEntries[ch] = keyEntries[ch] || []).push([l, k]); });
    });
  });

  function keyboard(chars, limit) {
    var n = lines.length, seen = [], last = [], ups = [], downs = [], pos, e, entries, line, index, up, down;
    for (e = 0; e < n; e++) { seen[e] = 0; last[e] = 0; ups[e] = 0; downs[e] = 0; }
    for (pos = 0; pos < chars.length; pos++) {
      entries = keyEntries[chars[pos].toLowerCase()] || [];
      for (e = 0; e < entries.length; e++) {
        line = entries[e][0]; index = entries[e][1]; up = 1; down = 1;
        if (seen[line] === pos) {
          if (index === last[line] + 1) { up = ups[line] + 1; } else if (index === last[line] - 1) { down = downs[line] + 1; }
        }
        seen[line] = pos + 1; last[line] = index; ups[line] = up; downs[line] = down;
        if (up >= limit || down >= limit) { return true; }
      }
    }
    return false;
  }

  // Built once, not on every keystroke.
  var specialSet = codePoints(String(rules.specialChars || ""));

  var checks = {
    mix: function (v) {
      return v.length > 0
        && (!has("upperCase") || count(v, /\p{Uppercase}/u) >= rules.upperCase)
        && (!has("lowerCase") || count(v, /\p{Lowercase}/u) >= rules.lowerCase)
        && (!has("digits") || count(v, /\p{Nd}/u) >= rules.digits);
    },
    special: function (v) {
      return codePoints(v).some(function (ch) { return specialSet.indexOf(ch) >= 0; });
    },
    length: function (v) {
      var chars = codePoints(v);
      return v.length > 0
        && (!has("minLength") || v.length >= rules.minLength)
        && (!has("maxLength") || v.length <= rules.maxLength)
        && (!rules.noWhitespace || !chars.some(isBlank))
        && (!has("keyboardRun") || !keyboard(chars, rules.keyboardRun))
        && (!has("sequenceRun") || !sequence(chars, rules.sequenceRun));
    },
    repeat: function (v) {
      return v.length > 0 && (!has("repeatRun") || !repeated(codePoints(v), rules.repeatRun));
    }
  };

  var status = document.getElementById("icsoe-rules-status");
  var items = Array.prototype.slice.call(document.querySelectorAll("#icsoe-rules-list [data-rule]"))
    .filter(function (li) { return checks[li.getAttribute("data-rule")]; })
    .map(function (li) {
      return { li: li, check: checks[li.getAttribute("data-rule")], state: li.querySelector(".icsoe-rule__state") };
    });
  var announceTimer;

  function update() {
    var value = password.value, met = 0;
    items.forEach(function (item) {
      var ok = item.check(value);
      if (ok) { met += 1; }
      item.li.classList.toggle("icsoe-rule--done", ok);
      if (item.state && status) {
        item.state.textContent = " (" + status.getAttribute(ok ? "data-done" : "data-pending") + ")";
      }
    });
    if (met === items.length && items.length) { clearServerError(password); }
    if (status) {
      // Announce a short summary once typing pauses, not on every key.
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () {
        status.textContent = status.getAttribute("data-template")
          .replace("{0}", String(met)).replace("{1}", String(items.length));
      }, 900);
    }
  }

  password.addEventListener("input", update);
  if (password.value) { update(); }
})();
