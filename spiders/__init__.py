"""Scrapy spiders, one module per site family. They fetch and yield; qmcrawl does the rest."""
