#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
