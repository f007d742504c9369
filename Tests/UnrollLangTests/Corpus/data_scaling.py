import numpy as np
import pandas as pd
df = pd.read_csv("datasets/taylor_electricity_demand_2000.csv")
print(f"{df['demand_mw'].mean():.6f} {df['demand_mw'].std():.6f}")
print(df["demand_mw"].min(), df["demand_mw"].max(), df["demand_mw"].sum())
print(f"{df['demand_mw'].std(ddof=0):.6f}")
mean, std = df["demand_mw"].mean(), df["demand_mw"].std()
df["demand_mw"] = (df["demand_mw"] - mean) / std
df.head()
df.shape
df["half_hour"] = np.arange(len(df)) % 48
df.tail(3)
df["one"] = 1
df.columns
df["bad"] = [1, 2]
a = np.array([1.0, 2.0, 4.0, 7.0])
print(a.std(), np.std(a), a.std(ddof=1), np.std(a, ddof=1))
b = np.arange(6).reshape(2, 3)
b.std(axis=0)
np.std(b, axis=1)
b.ravel(order="C")
x = df.iloc[:5, 1].values
(x - x.mean()) / x.std()
