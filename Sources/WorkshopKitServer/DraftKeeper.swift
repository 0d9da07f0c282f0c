import Crypto
import Foundation
import WorkshopKit

/// Keeps what a participant types in their follow-up form on their own device until it is
/// saved: a reload, a closed tab or the link opened again from a message brings it back,
/// with a notice to save it. The draft belongs to the answer it was typed over (its
/// version, `ShownAnswer`): once what it was typed over is saved, the draft is dropped. When
/// another answer was saved elsewhere meanwhile (another device, the partner), the draft is
/// not put over it but offered, with a button to put it back and one to forget it: nothing
/// typed is lost, and nothing saved is overwritten unseen. Leaving the page with unsaved
/// changes asks first, where the browser allows it.
///
/// The page's only script, inline and allowed by its hash (`SecurityHeaders`); without
/// script the form works as before.
enum DraftKeeper {
  /// Marks `form` as kept: `key` names the form on the device (its own path), `version`
  /// the answer it is filled from ("0" for none).
  static func keep(_ form: XHTMLElement, key: String, version: String, language: Language) {
    form.setAttribute("data-draft", key)
    form.setAttribute("data-revision", version)
    form.setAttribute("data-restored", language(.draftRestored))
    form.setAttribute("data-offered", language(.draftOffered))
    form.setAttribute("data-put-back", language(.putDraftBack))
    form.setAttribute("data-forget", language(.forgetDraft))
  }

  /// After the form, so it is there when the script runs.
  static func addScript(to body: XHTMLElement) {
    body.element("script").text(script)
  }

  /// `script-src` for `script`, by its hash.
  static let scriptSource = "'sha256-\(Data(SHA256.hash(data: Array(script.utf8))).base64EncodedString())'"

  static let script = """
    (function () {
      var form = document.querySelector("form[data-draft]");
      if (!form) { return; }
      var key = "workshopkit-draft:" + form.getAttribute("data-draft");
      var revision = form.getAttribute("data-revision");
      var unsaved = false;
      function fields() {
        return Array.prototype.filter.call(form.elements, function (field) {
          return field.name && field.name !== "csrf" && field.type !== "hidden" && !field.readOnly && !field.disabled;
        });
      }
      function values() {
        var found = {};
        fields().forEach(function (field) {
          if (field.type === "radio") {
            if (!(field.name in found)) { found[field.name] = ""; }
            if (field.checked) { found[field.name] = field.value; }
          } else {
            found[field.name] = field.value;
          }
        });
        return found;
      }
      function fill(kept) {
        fields().forEach(function (field) {
          if (!(field.name in kept)) { return; }
          if (field.type === "radio") {
            field.checked = field.value === kept[field.name];
          } else {
            field.value = kept[field.name];
          }
        });
      }
      function notice(text) {
        var box = document.createElement("p");
        box.className = "box";
        box.setAttribute("role", "status");
        box.textContent = text;
        form.parentNode.insertBefore(box, form);
        return box;
      }
      function forget() {
        try { window.localStorage.removeItem(key); } catch (error) {}
      }
      function button(box, label, action) {
        var added = document.createElement("button");
        added.type = "button";
        added.textContent = label;
        added.addEventListener("click", action);
        box.appendChild(document.createTextNode(" "));
        box.appendChild(added);
      }
      var draft = null;
      try { draft = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (error) { draft = null; }
      if (!draft || !draft.values || JSON.stringify(draft.values) === JSON.stringify(values())) {
        if (draft && draft.revision !== revision) { forget(); }
      } else if (draft.revision === revision) {
        fill(draft.values);
        unsaved = true;
        notice(form.getAttribute("data-restored"));
      } else {
        var offer = notice(form.getAttribute("data-offered"));
        button(offer, form.getAttribute("data-put-back"), function () {
          fill(draft.values);
          keep();
          offer.textContent = form.getAttribute("data-restored");
        });
        button(offer, form.getAttribute("data-forget"), function () {
          forget();
          offer.parentNode.removeChild(offer);
        });
      }
      function keep() {
        unsaved = true;
        try {
          window.localStorage.setItem(key, JSON.stringify({ revision: revision, values: values() }));
        } catch (error) {}
      }
      // Typed text the server sent back unsaved (a refused save) is kept like typing.
      if (form.hasAttribute("data-unsaved")) { keep(); }
      form.addEventListener("input", keep);
      form.addEventListener("change", keep);
      form.addEventListener("submit", function () { unsaved = false; });
      window.addEventListener("beforeunload", function (event) {
        if (unsaved) { event.preventDefault(); event.returnValue = ""; }
      });
    })();

    """
}
