#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its ICU headers clash with the ICU inside Foundation,
// and WorkshopKit never needs libxml2's ICU encoders (everything is UTF-8).
#undef LIBXML_ICU_ENABLED
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlwriter.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
