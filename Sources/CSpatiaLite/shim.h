#ifndef LIEUX_CSPATIALITE_SHIM_H
#define LIEUX_CSPATIALITE_SHIM_H

#include <sqlite3.h>
#include <spatialite.h>

#endif
