# pandas hands out numpy scalars for single cells and reductions; its sums follow numpy's pairwise order.
import pandas as pd
import numpy as np
df = pd.read_csv("datasets/taylor_electricity_demand_2000.csv")
df.iloc[0, 1]
df["demand_mw"][0]
df["demand_mw"].iloc[-1]
df["demand_mw"].mean()
df["demand_mw"].std()
df["demand_mw"].sum()
df["demand_mw"].max()
(df["demand_mw"] / 1000).sum()
(df["demand_mw"] / 1000).std()
df.iloc[0, 0]
df["demand_mw"].tolist()[:3]
[v for v in df["demand_mw"]][:3]
print(df.iloc[0, 1], df["demand_mw"].mean())
print(f"{df['demand_mw'].mean():.2f}")
x = df.iloc[0:48, 1]
np.array([x, x]).shape
