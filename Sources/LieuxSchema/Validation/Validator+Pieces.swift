import Foundation

extension Validator {
    /// Validates a CSV file cut into pieces of whole records, checked on `options.workers`
    /// threads, and gives the report reading it on one thread gives, issue for issue.
    ///
    /// One thread reads the file and cuts it after the line ends that end a record
    /// (``CSVRecordScanner``), counting records so that each piece knows its row numbers. Each
    /// piece is checked by a session of its own (``ValidationSession/piece()``), then taken in,
    /// in the file's order, by the file's session (``ValidationSession/absorb(_:)``). A piece
    /// holding a value seen in an earlier piece (a duplicate id across pieces) is checked again
    /// by the file's session, which knows every earlier value: the message names the first row,
    /// as on one thread. A read error stops at its piece, like on one thread.
    ///
    /// Returns `nil` when the file is better read on one thread: small, or whose header
    /// cannot be read (the one-thread path reports it).
    func validateInPieces(fileAt url: URL, place: String) throws(SchemaError) -> TaskReport? {
        let pieceBytes = options.pieceBytes
        guard options.workers > 1, pieceBytes > 0,
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
            size >= 2 * pieceBytes
        else { return nil }
        let header: CSVRowReader
        var source: ByteSource
        do {
            header = try CSVRowReader(url: url)
            source = try ByteSource.open(url)
            try source.skip(header.offset)
        } catch {
            return nil
        }
        let labels = header.labels
        let delimiter = header.delimiter
        var peeking = PeekingRowReader(header)
        var session = try session(for: &peeking, place: place)
        /// A reader of the records of `bytes` (then of `rest`), the first numbered `firstRecord`.
        @Sendable func records(_ bytes: [UInt8], firstRecord: Int, rest: ByteSource = .memory(Data(), offset: 0)) -> CSVRowReader {
            CSVRowReader(continuing: bytes, source: rest, delimiter: delimiter, labels: labels, firstRecord: firstRecord)
        }

        let board = PieceBoard()
        for _ in 0..<options.workers {
            let worker = Worker(session: session.piece())
            DispatchQueue.global().async {
                while let piece = board.take() {
                    var reader = records(piece.bytes, firstRecord: piece.firstRecord)
                    worker.session.checkRows(of: &reader)
                    piece.result = worker.session.takeResult()
                    board.finish(piece.index)
                }
            }
        }
        defer { board.close() }
        var inFlight: [Piece] = []
        func submit(_ bytes: [UInt8], firstRecord: Int) {
            let piece = Piece(bytes: bytes, firstRecord: firstRecord)
            inFlight.append(piece)
            board.put(piece)
        }
        /// Takes in the oldest piece; `false` when reading must stop there.
        func takeOldest() -> Bool {
            let piece = inFlight.removeFirst()
            board.wait(for: piece.index)
            if !session.absorb(piece.result!) {
                var reader = records(piece.bytes, firstRecord: piece.firstRecord)
                session.checkRows(of: &reader)
            }
            return session.report.failure == nil
        }

        var pending: [UInt8] = []
        var pieceStart = 0
        var recordsBefore = 0  // records of the file before `pieceStart`, the header excluded
        var scanner = CSVRecordScanner(delimiter: delimiter)
        var reading = true
        var atEnd = false
        while reading {
            if inFlight.count >= 2 * options.workers {
                reading = takeOldest()
                continue
            }
            if atEnd {
                if pieceStart < pending.count {
                    submit(Array(pending[pieceStart...]), firstRecord: 2 + recordsBefore)
                    pieceStart = pending.count
                }
                if inFlight.isEmpty { break }
                reading = takeOldest()
                continue
            }
            let before = pending.count
            do {
                if try source.read(into: &pending, count: Self.blockBytes) == 0 {
                    atEnd = true
                    continue
                }
            } catch {
                while reading && !inFlight.isEmpty { reading = takeOldest() }
                if reading { session.fail(error) }
                break
            }
            var cuts: [(end: Int, records: Int)] = []
            var lastCut = pieceStart
            pending.withUnsafeBufferPointer { bytes in
                scanner.scan(UnsafeBufferPointer(rebasing: bytes[before...])) { position, records in
                    if before + position - lastCut >= pieceBytes {
                        lastCut = before + position
                        cuts.append((lastCut, records))
                    }
                }
            }
            for cut in cuts {
                submit(Array(pending[pieceStart..<cut.end]), firstRecord: 2 + recordsBefore)
                pieceStart = cut.end
                recordsBefore = cut.records
            }
            if pieceStart > 0 {
                pending.removeFirst(pieceStart)
                pieceStart = 0
            }
            if pending.count > Self.longestPiece {
                // No record ends in all these bytes (an unclosed quote?): the rest of the file
                // is read on this thread, which stops at the record too long, as on one thread.
                while reading && !inFlight.isEmpty { reading = takeOldest() }
                if reading {
                    var reader = records(pending, firstRecord: 2 + recordsBefore, rest: source)
                    session.checkRows(of: &reader)
                }
                break
            }
        }
        // Pieces still running after a read error are waited for, and left out.
        for piece in inFlight { board.wait(for: piece.index) }
        return session.finish()
    }

    /// How many bytes are read at a time.
    static let blockBytes = 1 << 20
    /// Beyond this many bytes without the end of a record, pieces stop.
    static let longestPiece = 2 * CSVRowReader.maximumRecordBytes
}

/// A piece of a file, and what its check found.
private final class Piece: @unchecked Sendable {
    /// Set by ``PieceBoard/put(_:)``.
    var index = 0
    let bytes: [UInt8]
    let firstRecord: Int
    /// Written by the thread that checks the piece, read once ``PieceBoard`` says it is done.
    var result: ValidationSession.PieceResult?

    init(bytes: [UInt8], firstRecord: Int) {
        self.bytes = bytes
        self.firstRecord = firstRecord
    }
}

/// A thread that checks pieces, one after the other, with a session of its own: what it
/// remembers of the values of one piece (patterns, opening hours) serves the next.
private final class Worker: @unchecked Sendable {
    var session: ValidationSession
    init(session: ValidationSession) { self.session = session }
}

/// The pieces waiting to be checked, and those checked, between the reading thread and the
/// workers.
private final class PieceBoard: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [Piece] = []
    private var done: Set<Int> = []
    private var count = 0
    private var closed = false

    func put(_ piece: Piece) {
        condition.lock()
        count += 1
        piece.index = count
        waiting.append(piece)
        condition.broadcast()
        condition.unlock()
    }

    /// The next piece to check, or `nil` once the board is closed.
    func take() -> Piece? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !closed { condition.wait() }
        return waiting.isEmpty ? nil : waiting.removeFirst()
    }

    func finish(_ index: Int) {
        condition.lock()
        done.insert(index)
        condition.broadcast()
        condition.unlock()
    }

    func wait(for index: Int) {
        condition.lock()
        while !done.contains(index) { condition.wait() }
        done.remove(index)
        condition.unlock()
    }

    /// Lets the workers end once the waiting pieces are checked.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
