import GRDB
import LieuxModel

/// The tables of the store and their migrations.
enum StoreSchema {
    static func migrate(_ pool: DatabasePool) throws {
        // SpatiaLite's metadata cannot be created inside a transaction.
        try pool.writeWithoutTransaction { db in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'spatial_ref_sys'") ?? false
            if !exists {
                try db.execute(sql: "SELECT InitSpatialMetaData(1, 'WGS84')")
            }
        }
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sources, venues, imports") { db in
            try db.execute(sql: """
                CREATE TABLE source (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    created_at TEXT NOT NULL
                );
                """)
            let columns = Lieu.Field.allCases.map { field -> String in
                let type: String
                switch field {
                case .latitude, .longitude: type = "REAL"
                case .id, .pivot, .nom, .commune, .codePostal, .adresse, .dateMaj: type = "TEXT NOT NULL"
                default: type = "TEXT"
                }
                return "\(field.rawValue) \(type)"
            }.joined(separator: ",\n    ")
            try db.execute(sql: """
                CREATE TABLE lieu (
                    pk INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                    \(columns),
                    departement TEXT,
                    content_hash INTEGER NOT NULL,
                    UNIQUE (source_id, id)
                );
                CREATE INDEX lieu_departement ON lieu(departement);
                CREATE INDEX lieu_code_insee ON lieu(code_insee);
                CREATE INDEX lieu_code_postal ON lieu(code_postal);
                SELECT AddGeometryColumn('lieu', 'geom', 4326, 'POINT', 'XY');
                SELECT CreateSpatialIndex('lieu', 'geom');
                CREATE VIRTUAL TABLE lieu_fts USING fts5(
                    nom, adresse, commune, content='lieu', content_rowid='pk',
                    tokenize='unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER lieu_fts_insert AFTER INSERT ON lieu BEGIN
                    INSERT INTO lieu_fts(rowid, nom, adresse, commune) VALUES (new.pk, new.nom, new.adresse, new.commune);
                END;
                CREATE TRIGGER lieu_fts_delete AFTER DELETE ON lieu BEGIN
                    INSERT INTO lieu_fts(lieu_fts, rowid, nom, adresse, commune) VALUES ('delete', old.pk, old.nom, old.adresse, old.commune);
                END;
                CREATE TRIGGER lieu_fts_update AFTER UPDATE OF nom, adresse, commune ON lieu BEGIN
                    INSERT INTO lieu_fts(lieu_fts, rowid, nom, adresse, commune) VALUES ('delete', old.pk, old.nom, old.adresse, old.commune);
                    INSERT INTO lieu_fts(rowid, nom, adresse, commune) VALUES (new.pk, new.nom, new.adresse, new.commune);
                END;
                CREATE TABLE import (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                    started_at TEXT NOT NULL,
                    finished_at TEXT NOT NULL,
                    place TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    schema_version TEXT NOT NULL,
                    strict INTEGER NOT NULL,
                    rows INTEGER NOT NULL,
                    added INTEGER NOT NULL,
                    updated INTEGER NOT NULL,
                    unchanged INTEGER NOT NULL,
                    removed INTEGER NOT NULL,
                    rejected INTEGER NOT NULL,
                    report TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: areas, store version") { db in
            try db.execute(sql: """
                CREATE TABLE area (
                    kind TEXT NOT NULL,
                    code TEXT NOT NULL,
                    name TEXT,
                    min_longitude REAL NOT NULL,
                    min_latitude REAL NOT NULL,
                    max_longitude REAL NOT NULL,
                    max_latitude REAL NOT NULL,
                    geometry TEXT NOT NULL,
                    PRIMARY KEY (kind, code)
                );
                CREATE TABLE store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                INSERT INTO store_meta (key, value) VALUES ('version', 1);
                """)
        }
        migrator.registerMigration("v3: name sort key") { db in
            // Names sort without case nor accents (LieuSort.nameKey), through an index.
            try db.execute(sql: "ALTER TABLE lieu ADD COLUMN nom_tri TEXT")
            let rows = try Row.fetchAll(db, sql: "SELECT pk, nom FROM lieu")
            let update = try db.makeStatement(sql: "UPDATE lieu SET nom_tri = ? WHERE pk = ?")
            for row in rows {
                try update.execute(arguments: [LieuSort.nameKey(row["nom"]), row["pk"] as Int64])
            }
            try db.execute(sql: "CREATE INDEX lieu_nom_tri ON lieu(nom_tri)")
        }
        migrator.registerMigration("v4: history, tokens, reports from users") { db in
            // Every operation on a source (an import, an undo, a write through the API) is a
            // row of `import`, the journal; `lieu_version` keeps, for each venue it added,
            // changed or removed, the version before it (no columns for an addition).
            let versionColumns = LieuTable.writtenColumns.map { column -> String in
                column == "content_hash" ? "content_hash INTEGER" : "\(column) \(column == "latitude" || column == "longitude" ? "REAL" : "TEXT")"
            }.joined(separator: ",\n    ")
            try db.execute(sql: """
                ALTER TABLE import ADD COLUMN kind TEXT NOT NULL DEFAULT 'import';
                ALTER TABLE import ADD COLUMN kept INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE import ADD COLUMN reverts INTEGER;
                ALTER TABLE import ADD COLUMN origin TEXT NOT NULL DEFAULT 'cli';
                ALTER TABLE import ADD COLUMN token_id INTEGER;
                ALTER TABLE import ADD COLUMN address TEXT;
                CREATE INDEX import_source ON import(source_id, id);
                CREATE TABLE lieu_version (
                    import_id INTEGER NOT NULL REFERENCES import(id) ON DELETE CASCADE,
                    source_id INTEGER NOT NULL,
                    action TEXT NOT NULL CHECK (action IN ('ajout', 'modification', 'retrait')),
                    pk INTEGER,
                    \(versionColumns),
                    PRIMARY KEY (import_id, id)
                ) WITHOUT ROWID;
                CREATE INDEX lieu_version_lieu ON lieu_version(source_id, id);
                CREATE TABLE jeton (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                    nom TEXT NOT NULL,
                    hash BLOB NOT NULL,
                    created_at TEXT NOT NULL,
                    revoked_at TEXT
                );
                CREATE TABLE signalement (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                    lieu_id TEXT NOT NULL,
                    categorie TEXT NOT NULL,
                    message TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    address TEXT,
                    done_at TEXT,
                    done_by TEXT
                );
                CREATE INDEX signalement_source ON signalement(source_id, lieu_id);
                """)
        }
        migrator.registerMigration("v5: population") { db in
            // A territory's population and representative point (the area-weighted centroid
            // of its polygon, or the point the file gives); a population grid, one row per
            // square (its centre in WGS 84, the first commune it meets).
            try db.execute(sql: """
                ALTER TABLE area ADD COLUMN population REAL;
                ALTER TABLE area ADD COLUMN point_longitude REAL;
                ALTER TABLE area ADD COLUMN point_latitude REAL;
                CREATE TABLE population_carreau (
                    idcar TEXT NOT NULL,
                    longitude REAL NOT NULL,
                    latitude REAL NOT NULL,
                    population REAL NOT NULL,
                    commune TEXT
                );
                """)
        }
        migrator.registerMigration("v6: duplicate decisions") { db in
            // What a person decided about two venues (`lieux doublons decider`), by source
            // name and id so that it survives re-imports; (a, b) in (source, id) order.
            try db.execute(sql: """
                CREATE TABLE doublon_decision (
                    source_a TEXT NOT NULL,
                    id_a TEXT NOT NULL,
                    source_b TEXT NOT NULL,
                    id_b TEXT NOT NULL,
                    decision TEXT NOT NULL CHECK (decision IN ('meme', 'different')),
                    decided_at TEXT NOT NULL,
                    auteur TEXT,
                    PRIMARY KEY (source_a, id_a, source_b, id_b)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v7: features as bytes") { db in
            // Each venue's GeoJSON feature, written with the venue, copied as it is by pages
            // and exports (EncodedFeature); made here for the venues stored before.
            try db.execute(sql: "ALTER TABLE lieu ADD COLUMN feature BLOB")
            try Store.fillFeatures(db)
        }
        do {
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError(code: .newerSchema, message: "Cette base a été créée par une version plus récente de Lieux : mettez Lieux à jour.")
            }
        }
        try migrator.migrate(pool)
    }
}
