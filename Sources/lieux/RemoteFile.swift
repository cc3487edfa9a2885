import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Downloads a file over http(s) into a temporary folder, as a stream to disk.
enum RemoteFile {
    /// A download that did not complete.
    struct Failure: Error {
        var message: String
    }

    /// Downloads `url`; returns the local file, in a temporary folder of its own that the
    /// caller removes. The file keeps the name's extension (`.json` or `.csv`) so that its
    /// format is known.
    ///
    /// The bytes go straight into that folder as they arrive: when the download fails (an
    /// error status, a connection cut short, a server out of reach), the folder is removed
    /// and nothing is left behind. (`URLSession`'s download tasks leave their partial file in
    /// the system's temporary folder on Linux.)
    static func download(_ url: URL, timeout: TimeInterval = 300) throws -> URL {
        let files = FileManager.default
        let folder = files.temporaryDirectory.appendingPathComponent("lieux-download-\(UUID().uuidString)")
        do {
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(message: "Le dossier temporaire « \(folder.path) » n'a pas pu être créé pour télécharger « \(url.absoluteString) » : \(error.localizedDescription).")
        }
        do {
            return try download(url, into: folder, timeout: timeout)
        } catch {
            try? files.removeItem(at: folder)
            throw error
        }
    }

    private static func download(_ url: URL, into folder: URL, timeout: TimeInterval) throws -> URL {
        let address = url.absoluteString
        let partial = folder.appendingPathComponent("telechargement.partiel")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: partial)
        else {
            throw Failure(message: "Le fichier temporaire « \(partial.path) » n'a pas pu être créé pour télécharger « \(address) ».")
        }
        let receiver = Receiver(handle: handle)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration, delegate: receiver, delegateQueue: nil)
        session.dataTask(with: url).resume()
        receiver.done.wait()
        session.finishTasksAndInvalidate()
        try? handle.close()

        // The delegate's work is over (`done` was signalled after its last call).
        if let http = receiver.response, !(200..<300).contains(http.statusCode) {
            throw Failure(message: "Le serveur de « \(address) » a répondu \(http.statusCode) (\(HTTPURLResponse.localizedString(forStatusCode: http.statusCode))) : vérifiez l'adresse.")
        }
        if let error = receiver.writeFailure {
            throw Failure(message: "Le fichier téléchargé de « \(address) » n'a pas pu être enregistré : \(error.localizedDescription).")
        }
        if let error = receiver.failure {
            throw Failure(message: "Le téléchargement de « \(address) » a échoué : \(error.localizedDescription).")
        }
        guard let http = receiver.response else {
            throw Failure(message: "Le serveur de « \(address) » n'a pas envoyé de fichier.")
        }
        // The announced length is that of the bytes on the wire: with a `Content-Encoding`
        // (gzip…), the file received, decoded, is longer (a cut is then reported as an error).
        let encoding = (http.value(forHTTPHeaderField: "Content-Encoding") ?? "identity").lowercased()
        if encoding == "identity", http.expectedContentLength >= 0, receiver.received != http.expectedContentLength {
            throw Failure(message: "Le téléchargement de « \(address) » est incomplet (\(receiver.received) octets reçus sur \(http.expectedContentLength)) : la connexion a été coupée.")
        }
        var name = url.lastPathComponent.isEmpty || url.lastPathComponent == "/" ? "telechargement" : url.lastPathComponent
        let type = (http.mimeType ?? "").lowercased()
        if !name.lowercased().hasSuffix(".json") && !name.lowercased().hasSuffix(".csv") {
            name += type.contains("json") ? ".json" : ".csv"
        }
        let destination = folder.appendingPathComponent(name)
        do {
            try FileManager.default.moveItem(at: partial, to: destination)
        } catch {
            throw Failure(message: "Le fichier téléchargé de « \(address) » n'a pas pu être enregistré : \(error.localizedDescription).")
        }
        return destination
    }

    /// Writes the body of the response to the file as it arrives.
    ///
    /// `URLSession` calls it on its delegate queue, one call at a time; the downloading thread
    /// reads its properties only after `done` is signalled, which the last call does.
    private final class Receiver: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        let handle: FileHandle
        let done = DispatchSemaphore(value: 0)
        private(set) var response: HTTPURLResponse?
        private(set) var received: Int64 = 0
        /// The transfer's error (a connection cut short, a server out of reach…).
        private(set) var failure: (any Error)?
        /// The local file's error (a full disk…).
        private(set) var writeFailure: (any Error)?

        init(handle: FileHandle) {
            self.handle = handle
        }

        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
        ) {
            let http = response as? HTTPURLResponse
            self.response = http
            // An error status: its body is not the file, stop here.
            completionHandler(http.map { (200..<300).contains($0.statusCode) } ?? false ? .allow : .cancel)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            guard writeFailure == nil else { return }
            do {
                try handle.write(contentsOf: data)
                received += Int64(data.count)
            } catch {
                writeFailure = error
                dataTask.cancel()
            }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            failure = error
            done.signal()
        }
    }
}
