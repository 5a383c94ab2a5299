"""Cuts the built-in sample (public/samples/online-retail-2011-jan-feb.csv) from the full UCI
Online Retail file: January and February 2011, all rows as they are (cancellations, missing
customer ids and duplicates included), the Description column dropped to keep it small.

Usage: python3 scripts/make-sample.py ../shared/data/online-retail/online_retail.csv
"""
import csv
import sys

MONTHS = ('2011-01', '2011-02')
src = sys.argv[1]
with open(src, newline='', encoding='utf-8') as f, open('public/samples/online-retail-2011-jan-feb.csv', 'w', newline='', encoding='utf-8') as out:
    r = csv.reader(f)
    w = csv.writer(out, lineterminator='\n')
    header = next(r)
    keep = [i for i, c in enumerate(header) if c != 'Description']
    w.writerow([header[i] for i in keep])
    for row in r:
        if row[4][:7] in MONTHS:
            w.writerow([row[i] for i in keep])
