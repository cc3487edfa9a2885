#ifndef LIEUX_CLIBXML2_SHIM_H
#define LIEUX_CLIBXML2_SHIM_H

// libxml2's ICU declarations clash with those of Foundation's own ICU: leave them out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/xmlstring.h>

// `xmlFree` is a global function pointer, which Swift 6 does not accept as concurrency-safe.
static inline void lieux_xml_free(void *pointer) { xmlFree(pointer); }

#endif
