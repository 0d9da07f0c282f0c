#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its ICU headers clash with the ICU inside Foundation,
// and WorkshopKit never needs libxml2's ICU encoders (everything is UTF-8).
#undef LIBXML_ICU_ENABLED
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlwriter.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>

// Marks a text node as already escaped: libxml2 writes its content as it is (XSLT's
// disable-output-escaping). Only `XHTMLElement.text(_: EscapedText)` uses it, for text
// escaped once per process the way libxml2 escapes it.
static inline void workshopkit_mark_escaped(xmlNodePtr node) { node->name = xmlStringTextNoenc; }
