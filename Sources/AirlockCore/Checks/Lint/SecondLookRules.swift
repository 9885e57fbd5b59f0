/// Changes that are not wrong in themselves but change what runs, and when: new
/// executable bits, CI, dependency locks, build scripts, binaries and minified code.
/// Most are about whole files, reported once per file.
enum SecondLookRules {
    static let ciFiles = [
        "**/.github/workflows/*", "**/.github/actions/*", ".gitlab-ci.yml", "**/.gitlab-ci/*", "**/.gitlab/ci/*",
        "**/.circleci/*", "Jenkinsfile", "*.jenkinsfile", "azure-pipelines*.yml", "azure-pipelines*.yaml", "**/.azure-pipelines/*",
        ".travis.yml", "bitbucket-pipelines.yml", "**/.buildkite/*", ".drone.yml", "appveyor.yml", ".appveyor.yml",
        "cloudbuild.yaml", "cloudbuild.yml", ".woodpecker.yml", "**/.woodpecker/*", "**/.ci/*", ".pre-commit-config.yaml",
    ]
    static let lockFiles = [
        "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "bun.lock", "Cargo.lock",
        "Package.resolved", "Gemfile.lock", "poetry.lock", "Pipfile.lock", "uv.lock", "pdm.lock", "composer.lock", "go.sum",
        "mix.lock", "flake.lock", "pubspec.lock", "packages.lock.json", "gradle.lockfile", "Podfile.lock", "*.lock.json",
    ]
    static let buildScripts = [
        "Makefile", "GNUmakefile", "makefile", "*.mk", "build.rs", "setup.py", "setup.cfg", "pyproject.toml", "conftest.py",
        "Package.swift", "CMakeLists.txt", "*.cmake", "*.gradle", "*.gradle.kts", "gradle-wrapper.properties", "pom.xml",
        "build.xml", "meson.build", "configure", "configure.ac", "BUILD", "BUILD.bazel", "WORKSPACE", "*.bzl", "Rakefile",
        "*.gemspec", "build.sbt", "Dockerfile", "*.dockerfile", "Containerfile", ".envrc", "justfile", "Justfile",
        "Taskfile.yml", "vcpkg.json", "binding.gyp",
    ]
    /// Lines longer than this are not written by hand.
    static let minifiedLineBytes = 1000

    static let all: [LintRule] = [
        LintRule(
            file: "new-executable-bit", severity: .medium, description: "File made executable (mode 100755)",
            target: .executableBit),
        LintRule(file: "ci-workflow-change", severity: .medium, description: "CI configuration changed", target: .fileChanged, files: ciFiles),
        LintRule(file: "lock-file-change", severity: .low, description: "Dependency lock file changed", target: .fileChanged, files: lockFiles),
        LintRule(file: "build-script-change", severity: .low, description: "Build script changed", target: .fileChanged, files: buildScripts),
        LintRule(file: "binary-file", severity: .medium, description: "Binary file added or changed", target: .binaryFile),
        LintRule(
            file: "minified-line", severity: .low, description: "Very long line (minified or generated code)",
            target: .longLine(bytes: minifiedLineBytes)),
    ] + lineRules

    static let lineRules: [LintRule] = [
        // npm runs these on `npm install`, before anyone runs the code itself.
        LintRule(
            id: "npm-install-script", severity: .medium, description: "npm lifecycle script that runs on install",
            keywords: ["install", "prepare"], pattern: #""(?:pre|post)?install"\s*:|"prepare"\s*:"#, files: ["package.json"]),
    ].compactMap { $0 }
}
