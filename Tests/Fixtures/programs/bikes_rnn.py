# The bike-sharing RNN trainer of the course (003_a451fcb2a9676d7e.txt, "RNN Best Practice") as one program, without
# wandb: its config becomes a plain object. The course's own data module is not shown, so get_hourly_bikes_data
# builds the same 18 features from the shipped hourly 2011 data: day of month, season, day of year (in place of
# the two-year set's yr), month, hour, holiday, weekday, working day, temp, atemp, humidity, wind speed, casual,
# registered riders, and the weather situation one-hot (4). EarlyStopping and strfdelta come from unroll.training
# (the course imports them from its own modules); checkpoints are safetensors files. To keep the test's epochs
# short, the program uses the last HOURS hours of the year (the whole year: HOURS = 8645).
from datetime import datetime
import torch
from torch import nn, optim
from torch.utils.data import Dataset, DataLoader
import pandas as pd
import matplotlib.pyplot as plt
from safetensors.torch import load_file

from unroll.training import EarlyStopping, strfdelta

CHECKPOINT_FILE_PATH = "checkpoints"
HOURS = 24 * 30


class HourlyBikesDataset(Dataset):
    def __init__(self, X, y):
        self.X = X
        self.y = y

        assert len(self.X) == len(self.y)

    def __len__(self):
        return len(self.X)

    def __getitem__(self, idx):
        X = self.X[idx]
        y = self.y[idx]
        return X, y

    def __str__(self):
        str = "Data Size: {0}, Input Shape: {1}, Target Shape: {2}".format(
            len(self.X), self.X.shape, self.y.shape
        )
        return str


def get_hourly_bikes_data(sequence_size=24, validation_size=96, test_size=24, y_normalizer=100):
    bikes_df = pd.read_csv("bikeshare_hourly_2011.csv").iloc[-HOURS:]
    months = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
    month_starts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    weathers = ["clear", "cloudy/misty", "light rain/snow", "heavy rain/snow"]

    month = torch.tensor([months.index(m) + 1 for m in bikes_df["mnth"].tolist()])
    day_of_year = torch.tensor(bikes_df["day"].tolist())
    day_of_month = day_of_year - torch.tensor([month_starts[m - 1] for m in month.tolist()])
    columns = [day_of_month, torch.tensor(bikes_df["season"].tolist()), day_of_year, month]
    for name in ["hr", "holiday", "weekday", "workingday", "temp", "atemp", "hum", "windspeed", "casual", "registered"]:
        columns.append(torch.tensor(bikes_df[name].tolist()))
    bikes_data = torch.stack([c.to(torch.float) for c in columns], dim=1)

    eye_matrix = torch.eye(4)
    weather_onehot = eye_matrix[torch.tensor([weathers.index(w) for w in bikes_df["weathersit"].tolist()])]
    bikes_data = torch.cat([bikes_data, weather_onehot], dim=-1)
    bikes_target = torch.tensor(bikes_df["bikers"].tolist()).to(torch.float).unsqueeze(dim=-1)
    print(bikes_data.shape, "!!!")

    data_size = len(bikes_data) - sequence_size
    train_size = data_size - (validation_size + test_size)

    row_cursor = 0

    X_train_list = []
    y_train_regression_list = []
    for idx in range(0, train_size):
        sequence_data = bikes_data[idx: idx + sequence_size]
        sequence_target = bikes_target[idx + sequence_size - 1]
        X_train_list.append(sequence_data)
        y_train_regression_list.append(sequence_target)
        row_cursor += 1

    X_train = torch.stack(X_train_list, dim=0).to(torch.float)
    y_train_regression = torch.cat(y_train_regression_list) / y_normalizer

    m = X_train.mean(dim=0, keepdim=True)
    s = X_train.std(dim=0, unbiased=False, keepdim=True)
    s[s == 0] = 1.0  # a feature that is constant over the shortened span (season) would divide by zero
    X_train = (X_train - m) / s

    X_validation_list = []
    y_validation_regression_list = []
    for idx in range(row_cursor, row_cursor + validation_size):
        sequence_data = bikes_data[idx: idx + sequence_size]
        sequence_target = bikes_target[idx + sequence_size - 1]
        X_validation_list.append(sequence_data)
        y_validation_regression_list.append(sequence_target)
        row_cursor += 1

    X_validation = torch.stack(X_validation_list, dim=0).to(torch.float)
    y_validation_regression = torch.cat(y_validation_regression_list) / y_normalizer

    X_validation -= m
    X_validation /= s

    X_test_list = []
    y_test_regression_list = []
    for idx in range(row_cursor, row_cursor + test_size):
        sequence_data = bikes_data[idx: idx + sequence_size]
        sequence_target = bikes_target[idx + sequence_size - 1]
        X_test_list.append(sequence_data)
        y_test_regression_list.append(sequence_target)
        row_cursor += 1

    X_test = torch.stack(X_test_list, dim=0).to(torch.float)
    y_test_regression = torch.cat(y_test_regression_list) / y_normalizer

    X_test -= m
    X_test /= s

    return (
        X_train, X_validation, X_test,
        y_train_regression, y_validation_regression, y_test_regression
    )


class Config:
    def __init__(self, epochs, batch_size, validation_intervals, learning_rate, early_stop_patience, early_stop_delta):
        self.epochs = epochs
        self.batch_size = batch_size
        self.validation_intervals = validation_intervals
        self.learning_rate = learning_rate
        self.early_stop_patience = early_stop_patience
        self.early_stop_delta = early_stop_delta


class Run:
    def __init__(self, config):
        self.config = config


class CustomRegressionTrainer:
    def __init__(
        self, project_name, model, optimizer, train_data_loader, validation_data_loader, transforms,
        run_time_str, wandb, device, checkpoint_file_path
    ):
        self.project_name = project_name
        self.model = model
        self.optimizer = optimizer
        self.train_data_loader = train_data_loader
        self.validation_data_loader = validation_data_loader
        self.transforms = transforms
        self.run_time_str = run_time_str
        self.wandb = wandb
        self.device = device
        self.checkpoint_file_path = checkpoint_file_path

        # Use a built-in loss function
        self.loss_fn = nn.MSELoss()

    def do_train(self):
        self.model.train()

        loss_train = 0.0
        num_trains = 0

        for train_batch in self.train_data_loader:
            input_train, target_train = train_batch
            input_train = input_train.to(device=self.device)
            target_train = target_train.to(device=self.device)

            if self.transforms:
                input_train = self.transforms(input_train)

            output_train = self.model(input_train)

            loss = self.loss_fn(output_train.squeeze(dim=-1), target_train)
            loss_train += loss.item()

            num_trains += 1

            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()

        train_loss = loss_train / num_trains

        return train_loss

    def do_validation(self):
        self.model.eval()

        loss_validation = 0.0
        num_validations = 0

        with torch.no_grad():
            for validation_batch in self.validation_data_loader:
                input_validation, target_validation = validation_batch
                input_validation = input_validation.to(device=self.device)
                target_validation = target_validation.to(device=self.device)

                if self.transforms:
                    input_validation = self.transforms(input_validation)

                output_validation = self.model(input_validation)
                loss_validation += self.loss_fn(output_validation.squeeze(dim=-1), target_validation).item()

                num_validations += 1

        validation_loss = loss_validation / num_validations

        return validation_loss

    def train_loop(self):
        early_stopping = EarlyStopping(
            patience=self.wandb.config.early_stop_patience, delta=self.wandb.config.early_stop_delta,
            project_name=self.project_name, checkpoint_file_path=self.checkpoint_file_path,
            run_time_str=self.run_time_str
        )
        n_epochs = self.wandb.config.epochs
        training_start_time = datetime.now()

        for epoch in range(1, n_epochs + 1):
            train_loss = self.do_train()

            if epoch == 1 or epoch % self.wandb.config.validation_intervals == 0:
                validation_loss = self.do_validation()
                elapsed_time = datetime.now() - training_start_time
                epoch_per_second = 1000 * epoch / elapsed_time.microseconds

                message, early_stop = early_stopping.check_and_save(validation_loss, self.model)

                print(
                    f"[Epoch {epoch:>3}] "
                    f"T_loss: {train_loss:6.4f}, "
                    f"V_loss: {validation_loss:6.4f}, "
                    f"{message} | "
                    f"T_time: {strfdelta(elapsed_time, '%H:%M:%S')}, "
                    f"T_speed: {epoch_per_second:4.3f}"
                )

                if early_stop:
                    break

        elapsed_time = datetime.now() - training_start_time
        print(f"Final training time: {strfdelta(elapsed_time, '%H:%M:%S')}")
        return early_stopping.latest_file_path


def get_train_bikes_data(config):
    X_train, X_validation, X_test, y_train, y_validation, y_test = get_hourly_bikes_data(
        sequence_size=24, validation_size=96, test_size=24, y_normalizer=100
    )

    train_hourly_bikes_dataset = HourlyBikesDataset(X=X_train, y=y_train)
    validation_hourly_bikes_dataset = HourlyBikesDataset(X=X_validation, y=y_validation)
    print(train_hourly_bikes_dataset)
    print(validation_hourly_bikes_dataset)

    train_data_loader = DataLoader(
        dataset=train_hourly_bikes_dataset, batch_size=config.batch_size, shuffle=True
    )

    validation_data_loader = DataLoader(
        dataset=validation_hourly_bikes_dataset, batch_size=config.batch_size, shuffle=True
    )

    return train_data_loader, validation_data_loader


def get_model():
    class MyModel(nn.Module):
        def __init__(self, n_input, n_output):
            super().__init__()

            self.rnn = nn.RNN(
                input_size=n_input, hidden_size=128, num_layers=2, batch_first=True
            )
            self.fcn = nn.Linear(in_features=128, out_features=n_output)

        def forward(self, x):
            x, hidden = self.rnn(x)
            x = x[:, -1, :]  # x.shape: [32, 128]
            x = self.fcn(x)
            return x

    my_model = MyModel(n_input=18, n_output=1)
    return my_model


def main(config):
    run_time_str = datetime.now().astimezone().strftime('%Y-%m-%d_%H-%M-%S')
    project_name = "rnn_bikes"
    wandb = Run(config)

    train_data_loader, validation_data_loader = get_train_bikes_data(config)
    device = torch.device("cpu")
    print(f"Training on device {device}.")
    model = get_model()
    model.to(device)
    print(model)

    optimizer = optim.Adam(model.parameters(), lr=config.learning_rate)

    regression_trainer = CustomRegressionTrainer(
        project_name, model, optimizer, train_data_loader, validation_data_loader, None,
        run_time_str, wandb, device, CHECKPOINT_FILE_PATH
    )

    return regression_trainer.train_loop()


def test_main(test_model):
    _, _, X_test, _, _, y_test = get_hourly_bikes_data(
        sequence_size=24, validation_size=96, test_size=24, y_normalizer=100
    )

    test_hourly_bikes_dataset = HourlyBikesDataset(X=X_test, y=y_test)

    test_data_loader = DataLoader(
        dataset=test_hourly_bikes_dataset, batch_size=len(test_hourly_bikes_dataset)
    )

    test_model.eval()

    y_normalizer = 100

    print("[TEST DATA]")
    with torch.no_grad():
        for test_batch in test_data_loader:
            input_test, target_test = test_batch

            output_test = test_model(input_test)

            for idx, (output, target) in enumerate(zip(output_test, target_test)):
                output = round(output.item() * y_normalizer)
                target = target.item() * y_normalizer

                print("{0:2}: {1:6,.2f} <--> {2:6,.2f} (Loss: {3:>13,.2f})".format(
                    idx, output, target, abs(output - target)
                ))


def predict_all(test_model):
    y_normalizer = 100
    X_train, X_validation, X_test, y_train, y_validation, y_test = get_hourly_bikes_data(
        sequence_size=24, validation_size=96, test_size=24, y_normalizer=100
    )
    train_hourly_bikes_dataset = HourlyBikesDataset(X=X_train, y=y_train)
    validation_hourly_bikes_dataset = HourlyBikesDataset(X=X_validation, y=y_validation)
    test_hourly_bikes_dataset = HourlyBikesDataset(X=X_test, y=y_test)

    dataset_list = [
        train_hourly_bikes_dataset, validation_hourly_bikes_dataset, test_hourly_bikes_dataset
    ]
    dataset_labels = [
        "train", "validation", "test"
    ]

    num = 0
    fig, axs = plt.subplots(3, 1, figsize=(6, 9))
    for i in range(3):
        X = []
        TARGET_Y = []
        PREDICTION_Y = []
        for data in dataset_list[i]:
            input, target = data
            prediction = test_model(input.unsqueeze(0)).squeeze(-1).squeeze(-1)
            X.append(num)
            TARGET_Y.append(target.item() * y_normalizer)
            PREDICTION_Y.append(prediction.item() * y_normalizer)
            num += 1
        axs[i].plot(X, TARGET_Y, label='target')
        axs[i].plot(X, PREDICTION_Y, label='prediction')
        axs[i].set_title(dataset_labels[i])
        axs[i].legend()
    plt.tight_layout()
    plt.show()


torch.manual_seed(0)
config = Config(epochs=5, batch_size=64, validation_intervals=1, learning_rate=0.001,
                early_stop_patience=2, early_stop_delta=0.00001)
checkpoint = main(config)

test_model = get_model()
test_model.load_state_dict(load_file(checkpoint))
test_main(test_model)
predict_all(test_model)
