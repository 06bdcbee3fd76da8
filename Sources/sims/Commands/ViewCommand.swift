import ArgumentParser
import Foundation
import SIMSView

/// `sims view PATH`: a local web application over a study, an output folder or an image file.
struct ViewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Explore a study, an output folder, an imzML/BIF6 file or an IONTOF export in the browser",
        discussion: """
        Serves a local page (127.0.0.1 only; requests from other machines or naming another host are refused) \
        with zoomable spectra and interval box plots, ion images with ratios, overlays, ROIs and retrospective \
        m/z-window images (imzML), depth profiles with interfaces, and PCA/MVA scores and loadings. Every view \
        exports its figure (SVG/PNG/PDF) and its data (CSV). The first line on stdout is the URL; stop with Ctrl-C. \
        Only files under PATH are served; nothing is fetched from the network. See docs/view.md.
        """
    )

    @Argument(help: "A study folder, an output folder of any sims command, or an imzML, BIF6, spectrum, image or depth-profile file.")
    var path: String

    @Option(help: "Port on 127.0.0.1 (0 = any free port).")
    var port: Int = 0

    @Flag(help: "Do not open a browser (print the URL only).")
    var noOpen = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
    }

    func run() async throws {
        let server = try ViewServer(path: path)
        let noOpen = self.noOpen
        try await server.run(port: port) { url in
            FileHandle.standardOutput.write(Data((url + "\n").utf8))
            printToStderr("sims view: serving \(server.catalog.summary) from \(server.catalog.root.folder); Ctrl-C stops")
            if !noOpen { Self.openBrowser(url) }
        }
    }

    /// `xdg-open URL` when a display is available; otherwise the printed URL is the way in.
    static func openBrowser(_ url: String) {
        let environment = ProcessInfo.processInfo.environment
        guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { printToStderr("sims view: could not open a browser (\(error)); open \(url)") }
    }
}
