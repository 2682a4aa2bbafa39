# Self-hosted presslens: docker build -t presslens . && docker run -p 8501:8501 presslens
FROM python:3.11-slim

# Debian's chromium draws the server-side PNGs (kaleido); nothing is downloaded at run time.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home presslens
WORKDIR /app
COPY --chown=presslens pyproject.toml README.md ./
COPY --chown=presslens analysis ./analysis
RUN pip install --no-cache-dir .
COPY --chown=presslens . .

USER presslens
ENV BROWSER_PATH=/usr/bin/chromium
EXPOSE 8501
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
CMD ["streamlit", "run", "dashboard.py", "--server.address=0.0.0.0", "--server.port=8501"]
