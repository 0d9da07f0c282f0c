import Crypto
import Foundation
import WorkshopKit

/// Keeps what a participant types in their follow-up form on their own device until it is
/// saved: a reload, a closed tab or the link opened again from a message brings it back,
/// with a notice to save it. The draft belongs to the answer it was typed over (its
/// revision): once that answer is saved again, here or elsewhere, the draft is dropped.
/// Leaving the page with unsaved changes asks first, where the browser allows it.
///
/// The page's only script, inline and allowed by its hash (`SecurityHeaders`); without
/// script the form works as before.
enum DraftKeeper {
  /// Marks `form` as kept: `key` names the form on the device (its own path), `revision` is
  /// the saved answer's (0 before the first save).
  static func keep(_ form: XHTMLElement, key: String, revision: Int, language: Language) {
    form.setAttribute("data-draft", key)
    form.setAttribute("data-revision", String(revision))
    form.setAttribute("data-restored", Label.draftRestored.text(language))
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
      var draft = null;
      try { draft = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (error) { draft = null; }
      if (draft && draft.revision !== revision) {
        try { window.localStorage.removeItem(key); } catch (error) {}
      } else if (draft && draft.values && JSON.stringify(draft.values) !== JSON.stringify(values())) {
        fill(draft.values);
        unsaved = true;
        var notice = document.createElement("p");
        notice.className = "box";
        notice.setAttribute("role", "status");
        notice.textContent = form.getAttribute("data-restored");
        form.parentNode.insertBefore(notice, form);
      }
      function keep() {
        unsaved = true;
        try {
          window.localStorage.setItem(key, JSON.stringify({ revision: revision, values: values() }));
        } catch (error) {}
      }
      form.addEventListener("input", keep);
      form.addEventListener("change", keep);
      form.addEventListener("submit", function () { unsaved = false; });
      window.addEventListener("beforeunload", function (event) {
        if (unsaved) { event.preventDefault(); event.returnValue = ""; }
      });
    })();

    """
}
