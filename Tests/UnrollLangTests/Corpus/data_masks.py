import numpy as np
import pandas as pd
df = pd.read_csv("datasets/taylor_electricity_demand_2000.csv")
train = df[df["timestamp"] < "2000-08-07"]
test = df[df["timestamp"] >= "2000-08-07"]
train.shape, test.shape
test.head(3)
train.tail(2)
high = df["demand_mw"] > 38000
high.head()
high.dtype
print(high.sum())
print(high.mean())
df[high]
df[(df["demand_mw"] > 38000) & (df["timestamp"] < "2000-07-01")]
df[~(df["demand_mw"] < 38500)]
df[df["demand_mw"] == 38777]
df["demand_mw"][df["demand_mw"] > 38500]
df["peak"] = df["demand_mw"] > 35000
df.head(3)
df.dtypes
df.describe()
df["peak"].values[:5]
df[df["peak"]].shape
df[[True, False] * 2016].shape
df[np.array([True, False] * 2016)].iloc[:2]
df[[True, False]]
3 < df["demand_mw"].head(3)
df["demand_mw"].head(3) != 21756
(df["demand_mw"].head(3) > 22000) | (df["demand_mw"].head(3) < 22000)
df["timestamp"].head(2) == "2000-06-05 00:00"
df.head(3)["timestamp"] > 5
b = pd.DataFrame({"a": [True, False, True], "n": [1, 2, 3]})
b
b.dtypes
b[b["a"]]
print(b["a"].sum(), b["a"].min(), b["a"].max())
