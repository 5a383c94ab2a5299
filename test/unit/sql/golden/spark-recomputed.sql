-- Customer segmentation from Segment Studio 0.1.0, for Spark SQL.
-- Engine: Apache Spark SQL 3.3 or later (checked by a Spark SQL parser, not on a cluster). Run: spark-sql -f script.sql
-- Settings fingerprint: 53c58486d89d8b5e
-- Source file: online-retail-2011-jan-feb.csv, fingerprint 0123456789abcdef (its name, size, rows, dates, customers, orders and revenue as the app read them).
-- Analysis date in the app: 2011-03-01 (the day after the last transaction; the script takes the day after the input's last transaction).
-- Thresholds: recomputed, quantiles over the whole input table with the app's tie rule.
-- Input: the table shop.transactions, one row per transaction line, with these columns:
--   InvoiceNo: text
--   StockCode: text
--   Quantity: number
--   InvoiceDate: DATE or TIMESTAMP
--   UnitPrice: number
--   CustomerID: text (or integer)
--   Country: any type (used only to tell identical rows apart)
-- Output: the table customer_segments, one row per customer, with the columns of the app's customers export.
-- Lifetime value (p_alive, expected_orders, expected_aov, clv, value_to_date, gross_margin) is NULL: the models are fitted in the app, and their predictions need functions these engines lack; value to date and gross margin come with them in the app (gross margin from a cost column is not written in SQL yet).

DROP TABLE IF EXISTS `shop`.`customer_segments`;
CREATE TABLE `shop`.`customer_segments` AS
WITH
-- 1. The mapping: the file's columns in their roles (customer CustomerID, date InvoiceDate, order InvoiceNo, revenue = Quantity × UnitPrice), dates as day numbers; copy_number counts identical rows (every column equal).
mapped AS (
  SELECT
    TRIM(CAST(`CustomerID` AS STRING)) AS customer_raw,
    datediff(CAST(`InvoiceDate` AS DATE), DATE '1970-01-01') AS day,
    TRIM(CAST(`InvoiceNo` AS STRING)) AS order_raw,
    CAST(`Quantity` AS DOUBLE) * CAST(`UnitPrice` AS DOUBLE) AS amount,
    CAST(`UnitPrice` AS DOUBLE) AS price,
    TRIM(CAST(`StockCode` AS STRING)) AS product,
    ROW_NUMBER() OVER (PARTITION BY `InvoiceNo`, `StockCode`, `Quantity`, `InvoiceDate`, `UnitPrice`, `CustomerID`, `Country` ORDER BY `InvoiceNo`) AS copy_number
  FROM `shop`.`transactions`
),

-- 2. Missing ids: rows without a customer id, a date or an amount are skipped (empty or one of the missing-value markers); an id written as a float ("17850.0") is the integer; a missing order id joins the customer's other lines without one.
with_ids AS (
  SELECT
    regexp_replace(customer_raw, '^([0-9]+)\\.0+$', '$1') AS customer_id,
    day,
    CASE WHEN (order_raw IS NULL OR order_raw IN ('', 'NA', 'N/A', 'null', '-')) THEN '' ELSE order_raw END AS order_id,
    order_raw, amount, price, product, copy_number
  FROM mapped
  WHERE customer_raw IS NOT NULL AND NOT (regexp_replace(customer_raw, '^([0-9]+)\\.0+$', '$1') IS NULL OR regexp_replace(customer_raw, '^([0-9]+)\\.0+$', '$1') IN ('', 'NA', 'N/A', 'null', '-'))
    AND day IS NOT NULL AND amount IS NOT NULL
),

-- 3. Cleaning, as set in the app: returns netted against the customer, duplicates dropped, non-positive prices left out, non-product lines kept. units: the line's revenue in ten-thousandths (rounded half away from zero), so sums are exact.
cleaned AS (
  SELECT
    customer_id, day, order_id, amount,
    CAST(ROUND(amount * 10000) AS BIGINT) AS units
  FROM with_ids
    -- exact duplicate rows dropped (the first copy stays)
    WHERE copy_number = 1
    -- unit price of zero or below left out
    AND NOT COALESCE(price <= 0, FALSE)
),

-- 4a. The analysis date: the day after the last transaction kept (as a day number).
analysis_date AS (
  SELECT MAX(day) + 1 AS window_day, MAX(day) + 1 AS analysis_day FROM cleaned
),

-- 4b. The analysis-date window: lines dated after the analysis date are left out, so every metric sees the same lines.
windowed AS (
  SELECT c.*, a.analysis_day
  FROM cleaned c
  CROSS JOIN analysis_date a
  WHERE c.day <= a.window_day
),

-- 5a. Each customer's distinct purchase days (days with a line of positive amount).
purchase_days AS (
  SELECT DISTINCT customer_id, day
  FROM windowed
  WHERE amount > 0
),

-- 5b. Days between consecutive purchase days, and their median per customer (the mean of the middle two for an even count).
purchase_gaps AS (
  SELECT customer_id, MAX(median_gap) AS median_gap
  FROM (
    SELECT customer_id, percentile(gap, 0.5) OVER (PARTITION BY customer_id) AS median_gap
    FROM (
      SELECT customer_id, day - LAG(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap
      FROM purchase_days
    ) g
    WHERE gap IS NOT NULL
  ) m
  GROUP BY customer_id
),

-- 5c. Per-customer sums: orders (distinct order ids with a purchase line), net revenue in ten-thousandths, first and last purchase day, purchase days, return lines. Customers without a purchase line are left out.
customer_lines AS (
  SELECT
    customer_id,
    COUNT(DISTINCT CASE WHEN amount > 0 THEN order_id END) AS frequency,
    SUM(units) AS units,
    MIN(CASE WHEN amount > 0 THEN day END) AS first_day,
    MAX(CASE WHEN amount > 0 THEN day END) AS last_day,
    COUNT(DISTINCT CASE WHEN amount > 0 THEN day END) AS purchase_day_count,
    SUM(CASE WHEN amount < 0 THEN 1 ELSE 0 END) AS return_lines,
    MAX(analysis_day) AS analysis_day
  FROM windowed
  GROUP BY customer_id
  HAVING COUNT(DISTINCT CASE WHEN amount > 0 THEN order_id END) > 0
),

-- 5d. The metrics: recency (days from the last purchase to the analysis date), net revenue (monetary), average order value, tenure, purchase gaps, days overdue.
customer_metrics AS (
  SELECT
    c.customer_id, c.frequency, c.units, c.first_day, c.last_day, c.purchase_day_count, c.return_lines, c.analysis_day,
    c.analysis_day - c.last_day AS recency_days,
    CAST(c.units AS DOUBLE) / 10000 AS monetary_value,
    CAST(c.units AS DOUBLE) / (10000 * c.frequency) AS average_order_value,
    c.last_day - c.first_day AS tenure_days,
    CASE WHEN c.purchase_day_count >= 2 THEN CAST(c.last_day - c.first_day AS DOUBLE) / (c.purchase_day_count - 1) END AS mean_gap,
    CAST(g.median_gap AS DOUBLE) AS median_gap,
    c.analysis_day - c.last_day - g.median_gap AS days_overdue
  FROM customer_lines c
  LEFT JOIN purchase_gaps g ON g.customer_id = c.customer_id
),

-- 6. RFM scores 1..5 on net revenue. R: quantiles recomputed here. F: quantiles recomputed here. M: quantiles recomputed here.
rfm_scores AS (
  SELECT
    c.*,
    LEAST(5, CAST(FLOOR(CAST(5 * (RANK() OVER (ORDER BY last_day) - 1) AS DOUBLE) / COUNT(*) OVER ()) AS BIGINT) + 1) AS r_score,
    LEAST(5, CAST(FLOOR(CAST(5 * (RANK() OVER (ORDER BY frequency) - 1) AS DOUBLE) / COUNT(*) OVER ()) AS BIGINT) + 1) AS f_score,
    LEAST(5, CAST(FLOOR(CAST(5 * (RANK() OVER (ORDER BY units) - 1) AS DOUBLE) / COUNT(*) OVER ()) AS BIGINT) + 1) AS m_score
  FROM customer_metrics c
),

-- 7. The segment map: each score placed on the 1..5 grid the rules are written on (floor(5 × (score − 0.5) / 5) + 1), the first rule holding both R and F names the segment, the rest are "Other".
rfm_segments AS (
  SELECT
    s.*,
    CASE
      WHEN grid_r BETWEEN 5 AND 5 AND grid_f BETWEEN 4 AND 5 THEN 'Champions'
      WHEN grid_r BETWEEN 3 AND 4 AND grid_f BETWEEN 4 AND 5 THEN 'Loyal customers'
      WHEN grid_r BETWEEN 4 AND 5 AND grid_f BETWEEN 2 AND 3 THEN 'Potential loyalists'
      WHEN grid_r BETWEEN 5 AND 5 AND grid_f BETWEEN 1 AND 1 THEN 'New customers'
      WHEN grid_r BETWEEN 4 AND 4 AND grid_f BETWEEN 1 AND 1 THEN 'Promising'
      WHEN grid_r BETWEEN 3 AND 3 AND grid_f BETWEEN 3 AND 3 THEN 'Need attention'
      WHEN grid_r BETWEEN 3 AND 3 AND grid_f BETWEEN 1 AND 2 THEN 'About to sleep'
      WHEN grid_r BETWEEN 1 AND 2 AND grid_f BETWEEN 3 AND 4 THEN 'At risk'
      WHEN grid_r BETWEEN 1 AND 2 AND grid_f BETWEEN 5 AND 5 THEN 'Can\'t lose them'
      WHEN grid_r BETWEEN 2 AND 2 AND grid_f BETWEEN 1 AND 2 THEN 'Hibernating'
      WHEN grid_r BETWEEN 1 AND 1 AND grid_f BETWEEN 1 AND 2 THEN 'Lost'
      ELSE 'Other'
    END AS rfm_segment
  FROM (SELECT r.*, CAST(FLOOR(5 * (r_score - 0.5) / 5) AS BIGINT) + 1 AS grid_r, CAST(FLOOR(5 * (f_score - 0.5) / 5) AS BIGINT) + 1 AS grid_f FROM rfm_scores r) s
),

-- 8. Value bands, Pareto, recomputed: customers by revenue, highest first; high value until 80% of positive revenue is reached, intermediate until 95%, the rest low. Equal revenue shares a band.
value_bands AS (
  SELECT
    s.*,
    CASE WHEN NOT (monetary_value > 0) THEN 'Low value' WHEN above_share < 7.999999990000001e-1 THEN 'High value' WHEN above_share < 9.499999990000001e-1 THEN 'Intermediate value' ELSE 'Low value' END AS value_band
  FROM (
    SELECT
      r.*,
      CAST(SUM(CASE WHEN units > 0 THEN units ELSE 0 END) OVER (ORDER BY units DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - SUM(units) OVER (PARTITION BY units) AS DOUBLE)
        / CAST(SUM(CASE WHEN units > 0 THEN units ELSE 0 END) OVER () AS DOUBLE) AS above_share
    FROM rfm_segments r
  ) s
),

-- 9. Lifecycle, first rule that holds: Lost (over 365 days since the last purchase), Lapsed (over 180), New (first purchase at most 30 days before the analysis date),
-- At risk (over 2 × the expected cycle: the customer's median gap with 3+ purchase days, else the population's median of those own cycles, recomputed here), else Active.
lifecycle_stages AS (
  SELECT
    b.*,
    CASE
      WHEN recency_days > 365e0 THEN 'Lost'
      WHEN recency_days > 180e0 THEN 'Lapsed'
      WHEN analysis_day - first_day <= 30e0 THEN 'New'
      WHEN recency_days > 2e0 * (CASE WHEN purchase_day_count >= 3 AND median_gap IS NOT NULL THEN median_gap ELSE p.population_cycle END) THEN 'At risk'
      ELSE 'Active'
    END AS lifecycle,
    CASE WHEN frequency >= 2 THEN 'Repeat' ELSE 'One-time' END AS buyer_type
  FROM value_bands b
  CROSS JOIN (
    SELECT COALESCE(MAX(own_median), MAX(any_median)) AS population_cycle
    FROM (
      SELECT percentile(CASE WHEN purchase_day_count >= 3 AND median_gap IS NOT NULL THEN median_gap END, 0.5) OVER () AS own_median, percentile(median_gap, 0.5) OVER () AS any_median
      FROM value_bands
    ) m
  ) p
),

-- 11. Clusters: recency (log) scaled by centre 2.9 and scale 0.8; frequency (log) scaled by centre 0.9 and scale 0.4; monetary (log) scaled by centre 6.1 and scale 1.1; squared distance to each of the 3 centroids.
cluster_distances AS (
  SELECT
    f.*,
    (z0 - -1e0) * (z0 - -1e0) + (z1 - 1.2e0) * (z1 - 1.2e0) + (z2 - 1.1e0) * (z2 - 1.1e0) AS d0,
    (z0 - 8e-1) * (z0 - 8e-1) + (z1 - -6e-1) * (z1 - -6e-1) + (z2 - -7e-1) * (z2 - -7e-1) AS d1,
    (z0 - 1e-1) * (z0 - 1e-1) + (z1 - 2e-1) * (z1 - 2e-1) + (z2 - 5e-2) * (z2 - 5e-2) AS d2
  FROM (
    SELECT l.*,
      (LN(1 + GREATEST(CAST(recency_days AS DOUBLE), 0)) - 2.9e0) / 8e-1 AS z0,
      (LN(1 + GREATEST(CAST(frequency AS DOUBLE), 0)) - 9e-1) / 4e-1 AS z1,
      (LN(1 + GREATEST(CAST(monetary_value AS DOUBLE), 0)) - 6.1e0) / 1.1e0 AS z2
    FROM lifecycle_stages l
  ) f
),

-- 11b. The nearest centroid names the cluster (the first on a tie).
clustered AS (
  SELECT
    c.*,
    CASE
      WHEN d0 <= LEAST(d0, d1, d2) THEN 'Recent, frequent, high spend'
      WHEN d1 <= LEAST(d0, d1, d2) THEN 'Lapsed, infrequent'
      WHEN d2 <= LEAST(d0, d1, d2) THEN 'Middle (the \'rest\')'
    END AS cluster_name
  FROM cluster_distances c
)

-- The customers export's columns, in its order; the lifetime-value columns are NULL (the models are fitted in the app); one 1/0 column per rule segment or fixed list.
SELECT
  customer_id AS `customer_id`,
  recency_days AS `recency_days`,
  frequency AS `frequency`,
  CAST(CAST(CASE WHEN units < 0 THEN -((200 * -units + 100 * 100) DIV (200 * 100)) ELSE ((200 * units + 100 * 100) DIV (200 * 100)) END AS DECIMAL(38, 2)) * 0.01BD AS DECIMAL(38, 2)) AS `monetary`,
  CAST(CAST(CASE WHEN units < 0 THEN -((200 * -units + 100 * 100 * frequency) DIV (200 * 100 * frequency)) ELSE ((200 * units + 100 * 100 * frequency) DIV (200 * 100 * frequency)) END AS DECIMAL(38, 2)) * 0.01BD AS DECIMAL(38, 2)) AS `avg_order_value`,
  r_score AS `r_score`,
  f_score AS `f_score`,
  m_score AS `m_score`,
  rfm_segment AS `rfm_segment`,
  value_band AS `value_band`,
  lifecycle AS `lifecycle`,
  CAST(NULL AS DOUBLE) AS `p_alive`,
  CAST(NULL AS DOUBLE) AS `expected_orders`,
  CAST(NULL AS DOUBLE) AS `expected_aov`,
  CAST(NULL AS DOUBLE) AS `clv`,
  CAST(NULL AS DOUBLE) AS `value_to_date`,
  CAST(NULL AS DOUBLE) AS `gross_margin`,
  cluster_name AS `cluster`,
  CASE WHEN (monetary_value >= 1000e0 OR frequency > 3e0) THEN 1 ELSE 0 END AS `Big or frequent`,
  CASE WHEN (lifecycle IN ('Active', 'At risk') AND median_gap IS NOT NULL) THEN 1 ELSE 0 END AS `Shop's "regulars"`,
  CASE WHEN customer_id IN ('12347', 'O\'Brien') THEN 1 ELSE 0 END AS `Called last week`
FROM clustered;
