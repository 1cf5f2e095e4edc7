package io.github.ecgid.report;

/** The dashboard's single page: inline style and script, a canvas trace, tiles fed by Server-Sent Events. */
final class DashboardPage {
    private DashboardPage() {
    }

    static String html(String title) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.esc(title)
                + "</title><meta name=\"viewport\" content=\"width=device-width\"><style>" + CSS + "</style></head>"
                + "<body><header><h1>" + Html.esc(title) + "</h1><span id=\"status\" class=\"status\">connecting…"
                + "</span></header>"
                + "<section class=\"tiles\">"
                + "<div class=\"tile who\"><h2>Identity</h2><div id=\"identity\" class=\"big\">waiting for the first "
                + "decision…</div><div id=\"confidence\" class=\"small\">confidence –</div>"
                + "<div class=\"bar\"><div id=\"confbar\"></div></div></div>"
                + "<div class=\"tile\"><h2>Heart rate</h2><div id=\"hr\" class=\"big\">–</div>"
                + "<div class=\"small\">bpm, last 5 beats</div></div>"
                + "<div class=\"tile\"><h2>HRV</h2><table><tr><th>SDNN</th><td id=\"sdnn\">–</td></tr>"
                + "<tr><th>RMSSD</th><td id=\"rmssd\">–</td></tr><tr><th>pNN50</th><td id=\"pnn50\">–</td></tr>"
                + "<tr><th>intervals</th><td id=\"nint\">–</td></tr></table></div>"
                + "<div class=\"tile\"><h2>Signal quality</h2><ul id=\"warnings\"><li>–</li></ul></div></section>"
                + "<section><h2>ECG, last 10 s (display high-pass 0.5 Hz), R-peaks in red</h2>"
                + "<canvas id=\"trace\" width=\"1200\" height=\"300\" role=\"img\" aria-label=\"Scrolling ECG trace of "
                + "the last 10 seconds with detected R-peaks marked\"></canvas></section>"
                + "<p class=\"small\">ecgid live dashboard, served from this machine only. Not a medical device.</p>"
                + "<script>" + JS + "</script></body></html>";
    }

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:1em 2em;color:#222;"
            + "background:#fafafa}"
            + "header{display:flex;align-items:baseline;gap:1em}h1{font-size:1.4em;margin:0}h2{font-size:.95em;"
            + "margin:.2em 0 .4em;color:#555}.status{color:#666}"
            + ".tiles{display:flex;gap:1em;flex-wrap:wrap;margin:1em 0}"
            + ".tile{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:12em}"
            + ".big{font-size:1.8em;font-weight:600}.small{font-size:.85em;color:#666}.unknown{color:#b00}"
            + ".bar{height:6px;background:#eee;margin-top:.3em}#confbar{height:6px;width:0;background:#2a7}"
            + "#warnings{margin:0;padding-left:1.2em;color:#b50}#warnings.ok{color:#2a7}canvas{width:100%;"
            + "background:#fff;border:1px solid #ddd}td,th{padding:0 .5em;text-align:left}";

    private static final String JS = String.join("\n",
            "(function(){",
            "'use strict';",
            "var fs=250,win=10,ring=null,head=-1,peaks=[];",
            "var cv=document.getElementById('trace'),ctx=cv.getContext('2d');",
            "function $(id){return document.getElementById(id);}",
            "function ensure(f){if(!ring||f!==fs){fs=f;ring=new Float32Array(Math.round(fs*win));ring.fill(NaN);}}",
            "function onTrace(d){ensure(d.fs);for(var i=0;i<d.y.length;i++){var s=d.t0+i;ring[s%ring.length]=d.y[i];"
                    + "head=Math.max(head,s);}}",
            "function onPeak(d){peaks.push(d.sample);while(peaks.length&&peaks[0]<head-ring.length)peaks.shift();}",
            "function draw(){if(!ring||head<0)return;",
            " var n=ring.length,w=cv.width,h=cv.height,lo=Infinity,hi=-Infinity;",
            " for(var i=0;i<n;i++){var v=ring[i];if(v===v){if(v<lo)lo=v;if(v>hi)hi=v;}}",
            " if(!(hi>lo)){lo-=1;hi+=1;}var pad=(hi-lo)*0.1;lo-=pad;hi+=pad;",
            " ctx.clearRect(0,0,w,h);ctx.strokeStyle='#eee';ctx.beginPath();",
            " for(var g=1;g<win;g++){ctx.moveTo(g*w/win,0);ctx.lineTo(g*w/win,h);}ctx.stroke();",
            " ctx.strokeStyle='#1f77b4';ctx.lineWidth=1.2;ctx.beginPath();var first=head-n+1,pen=false;",
            " for(var k=0;k<n;k++){var s=first+k;if(s<0)continue;var y=ring[s%n];if(y!==y){pen=false;continue;}",
            "  var x=k*w/n,yy=h-(y-lo)/(hi-lo)*h;if(pen)ctx.lineTo(x,yy);else{ctx.moveTo(x,yy);pen=true;}}",
            " ctx.stroke();ctx.fillStyle='#d62728';",
            " for(var p=0;p<peaks.length;p++){var q=peaks[p];if(q<first||q>head)continue;var pv=ring[q%n];",
            "  if(pv!==pv)continue;ctx.beginPath();",
            "  ctx.arc((q-first)*w/n,h-(pv-lo)/(hi-lo)*h,4,0,2*Math.PI);ctx.fill();}",
            "}",
            "function onIdentity(d){var el=$('identity');if(d.disabled){el.textContent='no identifier';"
                    + "$('confidence').textContent=d.message;return;}"
                    + "el.textContent=d.unknown?(d.note?'unknown (noisy)':'unknown')"
                    + ":d.person;el.className='big'+(d.unknown?' unknown':'');",
            " $('confidence').textContent=(d.mode==='open-set'?'similarity ':'confidence ')"
                    + "+(d.confidence*100).toFixed(1)"
                    + "+' % from '+d.beatsUsed+'/'+d.beatsDetected+' beats at '+d.atSeconds.toFixed(1)+' s';",
            " $('confbar').style.width=Math.max(0,Math.min(100,d.confidence*100))+'%';}",
            "function onHrv(d){$('hr').textContent=d.heartRateBpm.toFixed(0);$('sdnn').textContent=d.sdnnMs.toFixed(1)"
                    + "+' ms';$('rmssd').textContent=d.rmssdMs.toFixed(1)+' ms';$('pnn50').textContent="
                    + "d.pnn50Percent.toFixed(1)+' %';$('nint').textContent=d.intervals;}",
            "function onQuality(d){var ul=$('warnings');ul.textContent='';ul.className=d.ok?'ok':'';",
            " var items=d.ok?['signal looks good']:d.warnings;",
            " for(var i=0;i<items.length;i++){var li=document.createElement('li');li.textContent=items[i];",
            "  ul.appendChild(li);}}",
            "function onStatus(d){$('status').textContent=d.state+': '+d.message;}",
            "function on(es,name,f){es.addEventListener(name,function(e){try{f(JSON.parse(e.data));}"
                    + "catch(x){console.warn('bad '+name+' event',x);}});}",
            "var es=new EventSource('/events');",
            "on(es,'trace',onTrace);on(es,'peak',onPeak);on(es,'identity',onIdentity);on(es,'hrv',onHrv);",
            "on(es,'quality',onQuality);on(es,'status',onStatus);",
            "es.onerror=function(){$('status').textContent='disconnected, retrying…';};",
            "setInterval(draw,100);",
            "})();");
}
