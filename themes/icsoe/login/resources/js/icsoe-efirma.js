/*
 * "Ingresa con firma electrónica": reads the SAT e.firma files chosen on this page, decrypts the
 * private key here (node-forge: PKCS#8 PBES2, PBKDF2-HMAC-SHA1 + DES-EDE3-CBC, which WebCrypto
 * cannot do), signs the server's one-time challenge with WebCrypto (RSASSA-PKCS1-v1_5, SHA-256) and
 * posts only the certificate, the signature and the challenge. The key, its password and the
 * decrypted key never leave this page: their inputs have no name and are never posted. Before
 * signing it checks that the key belongs to the certificate (same RSA modulus and exponent) and says
 * so while it does; a key of another e.firma is reported without signing anything. A problem
 * found here is posted as a code (the error field), so the server shows its message and records it.
 * Loaded only by icsoe-efirma.ftl; data comes from data-* attributes (no inline script).
 */
(function () {
  "use strict";

  var form = document.getElementById("icsoe-efirma-form");
  if (!form) { return; }
  var hidden = function (name) { return form.querySelector('input[type="hidden"][name="' + name + '"]'); };
  var forge = window.forge;
  var subtle = window.crypto && window.crypto.subtle;
  if (!forge || !forge.pki || !subtle || !window.TextEncoder) { return; } // error stays browser_unsupported
  hidden("error").value = "";

  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10) || 16384;
  var submit = document.getElementById("icsoe-efirma-submit");
  var status = document.getElementById("icsoe-efirma-status");
  var busy = false;

  function fail(code) { return Promise.reject(new Error(code)); }

  function toBase64(bytes) {
    var out = "", i;
    for (i = 0; i < bytes.length; i += 0x8000) {
      out += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return window.btoa(out);
  }

  function read(file) {
    return file.arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }

  /** An EncryptedPrivateKeyInfo is SEQUENCE { AlgorithmIdentifier SEQUENCE, OCTET STRING }. */
  function encryptedKeyInfo(bytes) {
    try {
      var asn1 = forge.asn1.fromDer(forge.util.binary.raw.encode(bytes));
      var ok = asn1.tagClass === forge.asn1.Class.UNIVERSAL && asn1.type === forge.asn1.Type.SEQUENCE &&
        asn1.value.length === 2 && asn1.value[0].type === forge.asn1.Type.SEQUENCE &&
        asn1.value[1].type === forge.asn1.Type.OCTETSTRING;
      return ok ? asn1 : null;
    } catch (e) {
      return null;
    }
  }

  /** PKCS#8 PrivateKeyInfo DER of the decrypted key, or null when the password does not open it. */
  function decrypt(info, password) {
    try {
      var plain = forge.pki.decryptPrivateKeyInfo(info, password);
      if (!plain) { return null; }
      return forge.util.binary.raw.decode(forge.asn1.toDer(plain).getBytes());
    } catch (e) {
      return null;
    }
  }

  /**
   * "match", "mismatch", or "unknown" when the .cer cannot be read here (the server then says what it
   * is): the decrypted key's modulus and exponent against the certificate's public key.
   */
  function keyMatches(cerBytes, pkcs8) {
    var publicKey;
    try {
      var cerText = forge.util.binary.raw.encode(cerBytes);
      if (cerText.indexOf("-----BEGIN") >= 0) {
        publicKey = forge.pki.certificateFromPem(cerText).publicKey;
      } else {
        publicKey = forge.pki.certificateFromAsn1(forge.asn1.fromDer(cerText)).publicKey;
      }
    } catch (e) {
      return "unknown";
    }
    try {
      var privateKey = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(forge.util.binary.raw.encode(pkcs8)));
      return publicKey && publicKey.n && publicKey.n.equals(privateKey.n) && publicKey.e.equals(privateKey.e)
        ? "match" : "mismatch";
    } catch (e) {
      return "mismatch";
    }
  }

  function sign() {
    var cer = document.getElementById("efirma-cer").files[0];
    var key = document.getElementById("efirma-key").files[0];
    var passwordInput = document.getElementById("efirma-password");
    var password = passwordInput.value;
    if (!cer || !key || !password) { return fail("missing_files"); }
    if (cer.size > maxBytes || key.size > maxBytes) { return fail("file_too_large"); }
    return Promise.all([read(cer), read(key)]).then(function (files) {
      var info = encryptedKeyInfo(files[1]);
      if (!info) { return fail("not_a_key"); }
      var pkcs8 = decrypt(info, password);
      passwordInput.value = "";
      if (!pkcs8) { return fail("wrong_password"); }
      status.textContent = form.getAttribute("data-checking");
      if (keyMatches(files[0], pkcs8) === "mismatch") {
        pkcs8.fill(0);
        return fail("key_not_for_certificate");
      }
      status.textContent = form.getAttribute("data-working");
      return subtle.importKey("pkcs8", pkcs8, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"])
        .then(function (privateKey) {
          pkcs8.fill(0);
          var challenge = form.getAttribute("data-challenge");
          return subtle.sign("RSASSA-PKCS1-v1_5", privateKey, new TextEncoder().encode(challenge))
            .then(function (signature) {
              return { certificate: toBase64(files[0]), signature: toBase64(new Uint8Array(signature)), challenge: challenge };
            });
        }, function () {
          pkcs8.fill(0);
          return fail("wrong_password");
        });
    });
  }

  function post(fields) {
    ["certificate", "signature", "challenge", "error"].forEach(function (name) {
      hidden(name).value = fields[name] || "";
    });
    form.submit();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) { return; }
    busy = true;
    submit.disabled = true;
    status.textContent = form.getAttribute("data-working");
    sign().then(post, function (error) {
      var code = error && /^[a-z_]+$/.test(error.message) ? error.message : "browser_unsupported";
      post({ error: code, challenge: form.getAttribute("data-challenge") });
    });
  });
}());
