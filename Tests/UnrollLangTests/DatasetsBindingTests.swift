// unroll.datasets through the interpreter: the bike-sharing trainer's data calls as the course writes them.
import Foundation
import Testing
@testable import UnrollLang

/// Tests/Fixtures/data/bikes.json: the PyTorch reference's shapes and targets for get_hourly_bikes_data.
private func bikesFixture() throws -> [String: Any] {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("Tests/Fixtures/data/bikes.json")
        if FileManager.default.fileExists(atPath: candidate.path) {
            let list = try JSONSerialization.jsonObject(with: Data(contentsOf: candidate)) as? [[String: Any]]
            if let first = list?.first { return first }
        }
    }
    throw LangError.valueError("Tests/Fixtures/data/bikes.json not found")
}

@Suite struct DatasetsBindingTests {
    @Test func bikeSharingDataAsTheCourseCallsIt() throws {
        let f = try bikesFixture()
        let train = try #require(f["train_shape"] as? [Int])
        let validation = try #require(f["validation_shape"] as? [Int])
        let yTest = try #require((f["y_test"] as? [String: Any])?["data"] as? [Double])
        let (out, outcome) = run("""
            from torch.utils.data import DataLoader, Dataset
            from unroll.datasets import get_hourly_bikes_data, HourlyBikesDataset
            X_train, X_validation, X_test, y_train, y_validation, y_test = get_hourly_bikes_data(
                sequence_size=24, validation_size=96, test_size=24, y_normalizer=100
            )
            train_hourly_bikes_dataset = HourlyBikesDataset(X=X_train, y=y_train)
            validation_hourly_bikes_dataset = HourlyBikesDataset(X=X_validation, y=y_validation)
            print(train_hourly_bikes_dataset)
            print(validation_hourly_bikes_dataset)
            isinstance(train_hourly_bikes_dataset, Dataset), isinstance(train_hourly_bikes_dataset, HourlyBikesDataset)
            test_hourly_bikes_dataset = HourlyBikesDataset(X=X_test, y=y_test)
            test_data_loader = DataLoader(dataset=test_hourly_bikes_dataset, batch_size=len(test_hourly_bikes_dataset))
            for test_batch in test_data_loader:
                input_test, target_test = test_batch
                print(input_test.shape, target_test.shape)
            targets = []
            for data in test_hourly_bikes_dataset:
                input, target = data
                targets.append(round(target.item() * 100))
            print(input.unsqueeze(0).shape, targets)
            HourlyBikesDataset(X=X_train, y=y_test)

            """)
        func size(_ s: [Int]) -> String { "torch.Size([" + s.map(String.init).joined(separator: ", ") + "])" }
        let riders = yTest.map { String(Int(($0 * 100).rounded())) }.joined(separator: ", ")
        #expect(outcome.errorLine == "AssertionError")
        // The output ends with the AssertionError's report.
        #expect(out.hasPrefix("""
            Data Size: \(train[0]), Input Shape: \(size(train)), Target Shape: torch.Size([\(train[0])])
            Data Size: \(validation[0]), Input Shape: \(size(validation)), Target Shape: torch.Size([\(validation[0])])
            (True, True)
            torch.Size([24, 24, 17]) torch.Size([24])
            torch.Size([1, 24, 17]) [\(riders)]

            """), "\(out)")
    }

    @Test func namesPathAndErrors() {
        let (out, outcome) = run("""
            from unroll import datasets
            datasets.names()
            datasets.load("electricity").shape
            datasets.path("msft").endswith("datasets/msft_daily_1986_2017.csv")
            datasets.load("weather")

            """)
        #expect(out.hasPrefix("['bikeshare', 'electricity', 'msft']\n(4032, 2)\nTrue\nValueError"), "\(out)")
        #expect(outcome.errorLine == "ValueError: unknown dataset 'weather'")
        #expect(outcome.errorText?.contains("bikeshare, electricity, msft") == true)
    }
}
