import numpy as np
import pandas as pd
df = pd.read_csv("datasets/msft_daily_1986_2017.csv")
df["Close"]
df["Date"]
df["Volume"].values
df.iloc[:, 1:5].values
e = pd.read_csv("datasets/taylor_electricity_demand_2000.csv")
e["demand_mw"].values.reshape(-1, 48)
e.iloc[:65]
b = pd.read_csv("datasets/bikeshare_hourly_2011.csv")
b
b["mnth"]
b.dtypes
b.describe()
