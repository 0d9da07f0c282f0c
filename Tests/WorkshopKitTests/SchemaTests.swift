import Foundation
import Testing

@testable import WorkshopKit

/// The JSON Schemas editors use must describe the same keys the loader reads, and the
/// samples must pass them.
@Suite struct SchemaTests {
  static func schema(_ relative: String) throws -> [String: Any] {
    let data = try Data(contentsOf: Paths.package.appendingPathComponent(relative))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func propertyNames(_ object: [String: Any]?) -> Set<String> {
    Set((object?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
  }

  static func definition(_ schema: [String: Any], _ name: String) -> [String: Any]? {
    (schema["$defs"] as? [String: Any])?[name] as? [String: Any]
  }

  @Test func programSchemaHasTheLoadersKeys() throws {
    let schema = try Self.schema("programs/program.schema.json")
    #expect(Self.propertyNames(schema) == Set(NodeReader.programKeys))
    #expect(Self.propertyNames(Self.definition(schema, "item")) == Set(NodeReader.itemKeys))
    #expect(Self.propertyNames(Self.definition(schema, "part")) == Set(NodeReader.activityKeys))
    #expect(Self.propertyNames(Self.definition(schema, "day")) == Set(NodeReader.dayKeys))
    #expect(Self.propertyNames(Self.definition(schema, "presenter")) == Set(NodeReader.presenterKeys))
    let ruleKeys = RuleID.allCases.filter(\.isConfigurable).map(\.rawValue) + RuleConfiguration.thresholdKeys
    #expect(Self.propertyNames(Self.definition(schema, "rules")) == Set(ruleKeys))
  }

  @Test func seriesSchemaHasTheLoadersKeys() throws {
    let schema = try Self.schema("programs/series.schema.json")
    #expect(Self.propertyNames(schema) == Set(NodeReader.seriesKeys))
    #expect(Self.propertyNames(Self.definition(schema, "participant")) == Set(NodeReader.participantKeys))
  }

  @Test func exerciseSchemaHasTheLoadersKeys() throws {
    let schema = try Self.schema("exercises/exercise.schema.json")
    #expect(Self.propertyNames(schema) == Set(NodeReader.exerciseKeys))
    #expect(Self.propertyNames(Self.definition(schema, "step")) == Set(NodeReader.stepKeys))
    #expect(Self.propertyNames(Self.definition(schema, "referenceEntry")) == Set(NodeReader.referenceKeys))
  }

  /// Python with jsonschema and PyYAML validates every sample (`.ci/run` installs them;
  /// on a machine without them this test is skipped and says why).
  static let pythonValidatorAvailable: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import jsonschema, yaml"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  @Test(.enabled(if: pythonValidatorAvailable, "needs python3 with jsonschema and pyyaml"))
  func samplesPassTheSchemas() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Paths.package.appendingPathComponent("Tests/schema/validate_samples.py").path]
    process.currentDirectoryURL = Paths.package
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
  }
}

extension SchemaTests {
  @Test func followUpSchemaHasTheLoadersKeys() throws {
    let schema = try Self.schema("programs/followups.schema.json")
    #expect(Self.propertyNames(schema) == Set(NodeReader.followUpFileKeys))
    #expect(Self.propertyNames(Self.definition(schema, "answer")) == Set(NodeReader.followUpAnswerKeys))
  }
}
