import SwiftmodTemplates
import Testing

@Suite struct TemplateRendering {
    @Test func fillsPlaceholders() throws {
        let template = Template("new/pyproject.toml.tmpl")
        let text = try template.render([
            "name": "word-tools", "module": "word_tools", "target": "WordTools",
            "swiftmod_requirement": "swiftmod>=0.1.0,<0.2",
        ])
        #expect(text.contains("name = \"word-tools\""))
        #expect(text.contains("module-name = \"word_tools\""))
        #expect(text.contains("swift-target = \"WordTools\""))
        #expect(text.contains("requires = [\"swiftmod>=0.1.0,<0.2\"]"))
        #expect(!text.contains("{{"))
    }

    @Test func missingValueIsAnError() {
        #expect(throws: TemplateError.self) {
            try Template("new/pyproject.toml.tmpl").render(["name": "x"])
        }
    }

    @Test func everyTemplateRendersWithTheScaffoldValues() throws {
        let values = [
            "name": "n", "module": "m._native", "package": "m", "extension": "_native", "target": "T", "swiftmod_requirement": "swiftmod",
        ]
        for name in Template.all.keys where name.hasPrefix("new/") {
            let text = try Template(name).render(values)
            #expect(!text.contains("{{"), "\(name) left a placeholder")
        }
    }
}
