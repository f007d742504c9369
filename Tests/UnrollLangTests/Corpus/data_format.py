import pandas as pd
import numpy as np
df = pd.read_csv("datasets/taylor_electricity_demand_2000.csv").head(6)
df["mw"] = df["demand_mw"] / 1e6
df["gw"] = df["demand_mw"] * 1e6
df["neg"] = -df["demand_mw"] / 7
df["small"] = df["demand_mw"] / 1e9
df
df["mw"]
df["small"]
df["gw"]
df["demand_mw"] / 3
df["demand_mw"] * 0
b = pd.read_csv("datasets/bikeshare_hourly_2011.csv")
b.tail()
b.iloc[:4, 8:]
b.describe()
b["temp"].head(3)
np.array([1e6, 2.5])
np.array([123456789.0, 1.5])
np.array([0.1, 1e-5])
np.array([1, 2, 3]) / 7
np.array([[1.5, -2.25], [1e3, 4]])
np.linspace(-1, 1, 7).astype(np.float32)
np.array([np.nan, 1.0, np.inf])
np.pi, np.e
print(np.sin(np.pi / 2))
np.sin(np.linspace(0, 2 * np.pi, 5))
-df["demand_mw"].head(2)
(df["demand_mw"] ** 2).head(2)
(2 ** df["demand_mw"] / 1).head(1)
